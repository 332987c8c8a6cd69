package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.sync.ConflictResolver.Conflict;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.PostgresTestDatabase;
import br.com.prontivus.ui.admin.AdminPage.Section;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sync panels against a real PostgreSQL: two hybrid desktops, the UI running on the first.
 * Installation A belongs to the UI (closed with it); B is closed here.
 */
class AdminSyncTest extends DesktopTestSupport {

    static final Map<String, String> MANUAL = Map.of("SYNC_CONFLICT_RESOLUTION", "manual");
    PostgresTestDatabase pg;
    Desktop b;

    @BeforeEach
    void server() {
        pg = PostgresTestDatabase.create();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl());
        Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
    }

    @AfterEach
    void closeServer() {
        if (b != null) {
            b.close();
        }
        pg.close();
    }

    private Desktop desktopA(Path root) {
        return Desktop.open(root.resolve("a"), "a", pg.jdbcUrl(), MANUAL).initClinic("Clínica Sol");
    }

    @Test
    void anAdministratorResolvesAManualConflictFieldByFieldAndTheMergedRowReachesTheOtherDesktop() throws Exception {
        Desktop a = desktopA(dataDir);
        Patient p = a.services().patients().register(Desktop.ACTOR, draft("11911110000", "jose@a.com"));
        assertThat(a.sync().ok()).isTrue();
        b = Desktop.open(dataDir.resolve("b"), "b", pg.jdbcUrl(), MANUAL).join(a.clinicId());
        assertThat(b.sync().ok()).isTrue();
        b.services().patients().update(Desktop.ACTOR, p.id(), draft("11922220000", "jose@b.com"));
        assertThat(b.sync().ok()).isTrue();
        a.services().patients().update(Desktop.ACTOR, p.id(), draft("11933330000", "jose@a2.com"));
        var report = a.sync();
        assertThat(report.ok()).as(report.error()).isTrue();
        assertThat(report.conflicts()).isEqualTo(1);

        openWith(AdminAreaTest.PT, a.app());
        openAdmin("admin", Section.CONFLICTS);
        TableView<Conflict> table = lookup("#conflictTable").queryTableView();
        waitFor(() -> table.getItems().size() == 1 && lookup("#choice-phone-local").tryQuery().isPresent());
        assertThat(text("#local-phone")).isEqualTo("11933330000");
        assertThat(text("#server-phone")).isEqualTo("11922220000");
        assertThat(text("#base-phone")).isEqualTo("11911110000");
        assertThat(lookup("#field-phone").query().getStyleClass()).contains("conflict-differs");
        clickOn("#choice-phone-local");  // this desktop's phone
        clickOn("#choice-email-server"); // the server's e-mail
        clickOn("#resolveButton");
        waitFor(() -> table.getItems().isEmpty());
        assertThat(text("#conflictMessage")).isNotBlank();

        // History: who resolved what.
        onFx(() -> {
            desktop.main().admin().conflicts().statusProperty().set("resolved");
            return null;
        });
        waitFor(() -> table.getItems().size() == 1);
        Conflict resolved = table.getItems().getFirst();
        assertThat(resolved.resolvedBy()).isEqualTo("admin");
        assertThat(resolved.resolution()).contains("\"phone\":\"local\"").contains("\"email\":\"server\"");

        // Force sync from the sync panel, then the other desktop pulls.
        onFx(() -> {
            desktop.main().admin().show(Section.SYNC);
            return null;
        });
        waitFor(() -> !lookup("#forceSyncButton").queryButton().isDisabled());
        clickOn("#forceSyncButton");
        waitFor(() -> text("#syncMessage").contains("enviadas"));
        assertThat(b.sync().ok()).isTrue();
        Patient onB = b.services().patients().require(p.id());
        assertThat(onB.phone()).isEqualTo("11933330000");
        assertThat(onB.email()).isEqualTo("jose@b.com");
        assertThat(b.services().patients().require(p.id())).isEqualTo(app.services().patients().require(p.id()));
        assertThat(new AuditQuery(app.services().data()).search(new AuditQuery.Filter(null, null, "conflict", null,
                null), 10)).extracting(AuditQuery.Entry::action).containsExactly("conflict.resolve");
    }

    @Test
    void aParkedOperationIsRetriedFromThePanelAndAnotherIsDiscardedAfterConfirmation() throws Exception {
        Desktop a = desktopA(dataDir);
        assertThat(a.sync().ok()).isTrue();
        Patient fixed = a.services().patients().register(Desktop.ACTOR, draft("11911110000", null));
        Patient broken = a.services().patients().register(Desktop.ACTOR, new PatientDraft("Ana Ferreira", null, null,
                null, null, null, null, null, null));
        UUID fixedOp = opOf(a, fixed.id());
        UUID brokenOp = opOf(a, broken.id());
        String goodChecksum = corrupt(a, fixedOp);
        corrupt(a, brokenOp);
        var report = a.sync();
        assertThat(report.parked()).isEqualTo(2);
        // The administrator finds and repairs the cause of the first one.
        a.local().writeVoid(dsl -> dsl.update(Outbox.TABLE).set(Outbox.CHECKSUM, goodChecksum)
                .where(Outbox.OP_ID.eq(fixedOp)).execute());

        openWith(AdminAreaTest.PT, a.app());
        openAdmin("admin", Section.SYNC);
        TableView<OutboxEntry> parked = lookup("#parkedTable").queryTableView();
        waitFor(() -> parked.getItems().size() == 2);
        assertThat(parked.getItems()).allMatch(op -> op.lastError().contains("checksum"));
        assertThat(text("#countParked")).isEqualTo("2");
        select(parked, fixedOp);
        clickOn("#retryButton");
        waitFor(() -> parked.getItems().size() == 1);
        assertThat(lookup("#pendingTable").queryTableView().getItems())
                .anyMatch(op -> ((OutboxEntry) op).opId().equals(fixedOp));

        select(parked, brokenOp);
        clickOn("#discardButton");
        waitFor(() -> visible("#discardConfirm"));
        assertThat(parked.getItems()).hasSize(1); // nothing happens before the confirmation
        clickOn("#discardConfirmButton");
        waitFor(() -> parked.getItems().isEmpty());

        clickOn("#forceSyncButton");
        // (The pending list is not empty afterwards: the audit entry of the forced sync itself waits for the next one.)
        waitFor(() -> text("#syncMessage").contains("enviadas") && lookup("#pendingTable").queryTableView()
                .getItems().stream().noneMatch(op -> ((OutboxEntry) op).opId().equals(fixedOp)));
        assertThat(text("#countParked")).isEqualTo("0");
        String status = a.local().read(dsl -> dsl.select(Outbox.STATUS).from(Outbox.TABLE)
                .where(Outbox.OP_ID.eq(fixedOp)).fetchOne(Outbox.STATUS));
        assertThat(status).isEqualTo(OutboxCapture.ACKNOWLEDGED);
        int left = a.local().read(dsl -> dsl.fetchCount(Outbox.TABLE, Outbox.OP_ID.eq(brokenOp)));
        assertThat(left).isZero();
        var audit = new AuditQuery(app.services().data());
        assertThat(audit.search(new AuditQuery.Filter(null, null, "outbox", null, null), 10))
                .extracting(AuditQuery.Entry::action).containsExactlyInAnyOrder("outbox.retry", "outbox.discard");
        assertThat(audit.search(new AuditQuery.Filter(null, null, "outbox.discard", null, null), 1).getFirst()
                .summary()).contains(broken.id().toString()).contains("Ana Ferreira");
    }

    private void select(TableView<OutboxEntry> table, UUID op) throws Exception {
        onFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(e -> e.opId().equals(op)).findFirst()
                    .ifPresent(e -> table.getSelectionModel().select(e));
            return null;
        });
    }

    private static UUID opOf(Desktop d, UUID rowId) {
        return d.local().read(dsl -> dsl.select(Outbox.OP_ID).from(Outbox.TABLE)
                .where(Outbox.TABLE_NAME.eq("patients")).and(Outbox.ROW_ID.eq(rowId)).fetchOne(Outbox.OP_ID));
    }

    /** Damages an op's checksum (the server will refuse it); returns the good one. */
    private static String corrupt(Desktop d, UUID op) {
        String good = d.local().read(dsl -> dsl.select(Outbox.CHECKSUM).from(Outbox.TABLE)
                .where(Outbox.OP_ID.eq(op)).fetchOne(Outbox.CHECKSUM));
        d.local().writeVoid(dsl -> dsl.update(Outbox.TABLE).set(Outbox.CHECKSUM, "0".repeat(64))
                .where(Outbox.OP_ID.eq(op)).execute());
        return good;
    }

    private static PatientDraft draft(String phone, String email) {
        return new PatientDraft("José da Silva", null, "52998224725", null, null, phone, email, null, null);
    }
}
