package br.com.prontivus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxQueue;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin facade offline: role check, discard of parked ops only (audited), CSV cells. */
class AdministrationTest {

    static final Actor ADMIN = Actor.system("tester");

    @TempDir
    Path dir;

    private Prontivus open() {
        Prontivus app = Prontivus.open(ConfigLoader.forDataDirectory(dir), new Prontivus.Options(Clock.systemUTC(),
                ZoneId.of("America/Sao_Paulo"), TestStores.FAST_HASHER, "tester", true));
        app.init("Clínica", "maria", "Maria", "segredo123".toCharArray(), "desk");
        return app;
    }

    @Test
    void refusesAnyoneButAnAdministrator() {
        try (Prontivus app = open()) {
            Actor reception = new Actor(null, "joao", StaffRole.RECEPTION);
            Administration admin = Administration.of(app);
            assertThatThrownBy(() -> admin.syncOverview(reception)).isInstanceOf(DomainException.class)
                    .hasMessageContaining("joao");
            assertThatThrownBy(() -> admin.discard(reception, List.of(UUID.randomUUID())))
                    .isInstanceOf(DomainException.class);
            assertThat(admin.syncOverview(ADMIN).engineAvailable()).isFalse();
            assertThatThrownBy(() -> admin.cleanup(reception)).isInstanceOf(DomainException.class);
            // A fresh desktop has nothing older than the retention period: a report with nothing removed.
            assertThat(admin.cleanup(ADMIN)).hasValueSatisfying(r -> assertThat(r.total()).isZero());
        }
    }

    @Test
    void discardRemovesOnlyParkedOpsAndAuditsWhatTheyWouldHaveSet() {
        try (Prontivus app = open()) {
            var p = app.services().patients().register(ADMIN, new PatientDraft("José da Silva", null, null, null,
                    null, "11987654321", null, null, null));
            OutboxQueue queue = new OutboxQueue(app.local());
            UUID parked = app.local().read(dsl -> dsl.select(Outbox.OP_ID).from(Outbox.TABLE)
                    .where(Outbox.ROW_ID.eq(p.id())).fetchOne(Outbox.OP_ID));
            UUID pending = queue.list(OutboxCapture.PENDING, 100).stream().map(e -> e.opId())
                    .filter(id -> !id.equals(parked)).findFirst().orElseThrow();
            queue.park(java.util.Map.of(parked, "refused by the server: test"), java.time.Instant.now());

            var gone = Administration.of(app).discard(ADMIN, List.of(parked, pending));
            assertThat(gone).extracting(e -> e.opId()).containsExactly(parked);
            assertThat(queue.list(null, 100)).extracting(e -> e.opId()).doesNotContain(parked).contains(pending);
            var audit = new AuditQuery(app.services().data()).search(new AuditQuery.Filter(null, null,
                    "outbox.discard", null, null), 10);
            assertThat(audit).hasSize(1);
            assertThat(audit.getFirst().entityId()).isEqualTo(parked);
            assertThat(audit.getFirst().summary()).contains("José da Silva").contains("refused by the server: test");
        }
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndDefusesFormulas() {
        StringBuilder out = new StringBuilder();
        AuditQuery.writeCsv(List.of(new AuditQuery.Entry(UUID.randomUUID(), java.time.Instant.parse(
                "2026-11-25T12:00:00Z"), null, "maria", null, "patient.update", "patients", null,
                "=HYPERLINK(\"x\"), dito")), out);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", AuditQuery.CSV_HEADER));
        assertThat(lines[1]).isEqualTo("2026-11-25T12:00:00Z,maria,,,patient.update,patients,,"
                + "\"'=HYPERLINK(\"\"x\"\"), dito\"");
    }
}
