package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.app.Administration;
import br.com.prontivus.app.Migrations;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.ui.admin.AdminPage.Section;
import br.com.prontivus.ui.shell.MainView.PageId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin area on a real SQLite file: who may open it, users, migrations, audit filter and export. */
class AdminAreaTest extends DesktopTestSupport {

    static final Locale PT = Locale.forLanguageTag("pt-BR");
    static final Actor TESTER = Actor.system("tester");

    @TempDir
    Path exportDir;

    @Test
    void aReceptionUserNeitherSeesNorReachesTheAdminArea() throws Exception {
        open(PT, true);
        services().staff().add(TESTER, "joao", "João Pereira", StaffRole.RECEPTION, PASSWORD.toCharArray());
        login("joao", PASSWORD);
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
        settle();
        assertThat(lookup("#nav-admin").tryQuery()).isEmpty();
        assertThat(desktop.main().admin()).isNull();
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        settle();
        assertThat(desktop.main().currentPage()).isEqualTo(PageId.PATIENTS);
        onFx(() -> {
            desktop.main().show(PageId.ADMIN);
            return null;
        });
        assertThat(desktop.main().currentPage()).isEqualTo(PageId.PATIENTS);
        assertThat(lookup("#adminPage").tryQuery()).isEmpty();
        assertThat(desktop.main().shortcuts().entries()).noneMatch(e -> e.descriptionKey().equals("ui.keys.admin"));
        // And the service refuses a reception actor even if some screen asked.
        Actor joao = new Actor(null, "joao", StaffRole.RECEPTION);
        assertThatThrownBy(() -> Administration.of(app).users(joao)).isInstanceOf(DomainException.class);
    }

    @Test
    void anAdministratorReachesItByShortcutAndAddsAUserWhoCanThenLogIn() throws Exception {
        open(PT, true);
        loginAsMaria();
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> desktop.main().currentPage() == PageId.ADMIN);
        onFx(() -> {
            desktop.main().admin().show(Section.USERS);
            return null;
        });
        waitFor(() -> lookup("#userTable").queryTableView().getItems().size() == 1);
        clickOn("#newLoginField").write("carla");
        clickOn("#newNameField").write("Carla Mendes");
        clickOn("#newUserPasswordField").write("outrasenha1");
        clickOn("#addUserButton");
        waitFor(() -> lookup("#userTable").queryTableView().getItems().size() == 2);
        assertThat(text("#userMessage")).contains("carla");
        assertThat(new AuditQuery(services().data()).search(new AuditQuery.Filter(null, null, "user.add", null, null),
                10)).extracting(AuditQuery.Entry::userLogin).containsExactly("maria");

        clickOn("#logoutButton");
        waitFor(() -> lookup("#loginView").tryQuery().isPresent());
        login("carla", "outrasenha1");
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
        assertThat(text("#headerUser")).contains("Carla Mendes");
        assertThat(lookup("#nav-admin").tryQuery()).isEmpty(); // reception by default
    }

    @Test
    void anAdministratorAddsAPractitionerWhoThenHasAColumnInTheSchedule() throws Exception {
        open(PT, true);
        openAdmin("maria", Section.PRACTITIONERS);
        TableView<?> table = lookup("#practitionerTable").queryTableView();
        waitFor(() -> table.getItems().size() == 2);

        clickOn("#addPractitionerButton"); // no name: refused inline, nothing written
        waitFor(() -> text("#newPractitionerNameFieldError").equals("Obrigatório"));
        assertThat(services().practitioners().list()).hasSize(2);

        clickOn("#newPractitionerNameField").write("Dra. Carla Nunes");
        clickOn("#newPractitionerSpecialtyField").write("Dermatologia");
        clickOn("#newPractitionerCouncilField").write("CRM-SP 777777");
        type(KeyCode.ENTER);
        waitFor(() -> table.getItems().size() == 3);
        assertThat(text("#practitionerMessage")).contains("Dra. Carla Nunes");
        assertThat(text("#newPractitionerNameFieldError")).isEmpty();
        assertThat(services().practitioners().find("Dra. Carla Nunes").councilRegistration()).isEqualTo("CRM-SP 777777");
        assertThat(new AuditQuery(services().data()).search(new AuditQuery.Filter(null, null, "practitioner.add", null,
                null), 10)).filteredOn(e -> "maria".equals(e.userLogin())).singleElement()
                .satisfies(e -> assertThat(e.summary()).contains("Dra. Carla Nunes"));

        clickOn("#nav-schedule");
        waitFor(() -> lookup(n -> n instanceof javafx.scene.control.Label l && l.getText() != null
                && l.getText().startsWith("Dra. Carla Nunes\nDermatologia")).tryQuery().isPresent());
    }

    @Test
    void theMigrationsPanelListsPendingMigrationsAndRunsThem() throws Exception {
        open(PT, true);
        Migrations.Outcome undone = new Migrations(app).rollbackLatest(TESTER, Migrations.Target.LOCAL);
        assertThat(undone.versions()).hasSize(1);
        String version = undone.versions().getFirst();

        openAdmin("maria", Section.MIGRATIONS);
        TableView<Migrations.Row> table = lookup("#migrationTable").queryTableView();
        waitFor(() -> table.getItems().stream().anyMatch(r -> !r.applied() && r.version().equals(version)));
        clickOn("#runMigrationsButton");
        waitFor(() -> !table.getItems().isEmpty() && table.getItems().stream().allMatch(Migrations.Row::applied));
        assertThat(text("#migrationMessage")).contains(version);
        waitFor(() -> lookup("#migrationTrail").queryTableView().getItems().stream()
                .anyMatch(a -> ((Migrations.AuditRow) a).action().equals("migrate")
                        && "maria".equals(((Migrations.AuditRow) a).who())));

        // Rolling back asks first; only the explicit confirmation runs it.
        clickOn("#rollbackButton");
        waitFor(() -> visible("#rollbackConfirm"));
        assertThat(text("#rollbackConfirmText")).contains(version);
        clickOn("#rollbackCancelButton");
        assertThat(table.getItems()).allMatch(Migrations.Row::applied);
        clickOn("#rollbackButton");
        clickOn("#rollbackConfirmButton");
        waitFor(() -> table.getItems().stream().anyMatch(r -> !r.applied() && r.version().equals(version)));
        assertThat(new AuditQuery(services().data()).search(new AuditQuery.Filter(null, null, "migration", null, null),
                10)).extracting(AuditQuery.Entry::action).contains("migration.run", "migration.rollback");
    }

    @Test
    void theAuditLogFiltersByPatientAndActionAndExportsCsv() throws Exception {
        open(PT, true);
        var jose = services().patients().register(TESTER, new PatientDraft("José da Silva", null, "52998224725",
                LocalDate.of(1980, 3, 15), "male", "11987654321", null, null, null));
        services().patients().register(TESTER, new PatientDraft("Ana Ferreira", null, null, null, null, null, null,
                null, null));
        services().patients().update(TESTER, jose.id(), new PatientDraft("José da Silva", null, "52998224725",
                LocalDate.of(1980, 3, 15), "male", "11900001111", "jose@example.com", null, "diz \"oi\", =1+1"));

        openAdmin("maria", Section.AUDIT);
        TableView<AuditQuery.Entry> table = lookup("#auditTable").queryTableView();
        waitFor(() -> table.getItems().size() >= 4);
        clickOn("#auditPatientFilter").write("jose");
        clickOn("#auditSearchButton");
        waitFor(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(AuditQuery.Entry::action)
                .containsExactly("patient.update", "patient.register");
        onFx(() -> {
            desktop.main().admin().audit().actionProperty().set("patient.update");
            return null;
        });
        clickOn("#auditSearchButton");
        waitFor(() -> table.getItems().size() == 1);

        Path file = exportDir.resolve("auditoria.csv");
        onFx(() -> {
            desktop.main().admin().auditFileChooser(window -> file);
            return null;
        });
        clickOn("#auditExportButton");
        waitForData(() -> Files.exists(file));
        settle();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).isEqualTo("\uFEFF" + String.join(",", AuditQuery.CSV_HEADER));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("patient.update").contains(jose.id().toString());
        assertThat(text("#auditMessage")).contains("auditoria.csv");
        assertThat(new AuditQuery(services().data()).search(new AuditQuery.Filter(null, null, "audit.export", null,
                null), 10)).hasSize(1);
    }
}
