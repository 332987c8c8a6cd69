package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * Writes the screenshots of the user guide: login, patients, schedule and queue, in Portuguese, at
 * 1280×800, from a fixed clock and fixed data. Into {@code target/screenshots} by default; run with
 * {@code -Dprontivus.screenshots=docs/screenshots} to refresh the ones in the docs.
 */
class ScreenshotsTest extends DesktopTestSupport {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void writesTheGuideScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("prontivus.screenshots", "target/screenshots"));
        open(Locale.forLanguageTag("pt-BR"), true);
        List<Patient> patients = seed();

        clickOn("#loginField").write("maria");
        screenshot(dir.resolve("login.png"));
        clickOn("#passwordField").write(PASSWORD);
        type(KeyCode.ENTER);
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
        settle();

        clickOn("#patientSearchField").write("silva");
        waitFor(() -> lookup("#patientTable").queryTableView().getItems().size() == 2);
        clickOn("#patientSearchField");
        type(KeyCode.DOWN);
        waitFor(() -> visible("#patientDetail") && !lookup("#upcomingList").queryListView().getItems().isEmpty());
        settle();
        screenshot(dir.resolve("patients.png"));

        clickOn("#newPatientButton");
        clickOn("#fullNameField").write("Carlos Eduardo Pereira");
        clickOn("#cpfField").write("12345678900");
        clickOn("#birthDateField").write("31021990");
        settle();
        screenshot(dir.resolve("patient-form.png"));
        type(KeyCode.ESCAPE);

        clickOn("#nav-schedule");
        waitFor(() -> lookup("#slot-0-1100").tryQuery().isPresent());
        clickOn("#slot-0-1100");
        clickOn("#bookingPatientField").write("ferr");
        waitFor(() -> !lookup("#bookingPatientList").queryListView().getItems().isEmpty());
        type(KeyCode.DOWN);
        onFx(() -> {
            desktop.main().schedule().viewModel().startTimeProperty().set("9:15");
            return null;
        });
        clickOn("#bookButton");
        waitFor(() -> text("#scheduleMessage").contains("sobrepõe"));
        settle();
        screenshot(dir.resolve("schedule.png"));

        clickOn("#nav-queue");
        waitFor(() -> lookup("#queue-waiting").queryListView().getItems().size() == 2);
        settle();
        screenshot(dir.resolve("queue.png"));

        onFx(() -> {
            desktop.theme().toggle();
            return null;
        });
        settle();
        screenshot(dir.resolve("queue-dark.png"));
        onFx(() -> {
            desktop.theme().toggle();
            return null;
        });
        assertThat(patients).hasSize(6);
    }

    /**
     * The admin guide's panels: a conflict (stored as a pulled one would be), a parked operation
     * among the pending ones, a pending migration (the latest rolled back), users and the audit log.
     */
    @Test
    void writesTheAdminScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("prontivus.screenshots", "target/screenshots"));
        open(Locale.forLanguageTag("pt-BR"), true);
        List<Patient> patients = seed();
        services().staff().add(Actor.system("tester"), "joao", "João Pereira", br.com.prontivus.clinic.StaffRole.RECEPTION,
                PASSWORD.toCharArray());
        Patient jose = patients.getFirst();
        var c = br.com.prontivus.store.schema.Schema.SYNC_CONFLICTS;
        var clinic = app.identity().orElseThrow();
        app.local().writeVoid(dsl -> dsl.insertInto(c.table())
                .set(c.ID, java.util.UUID.randomUUID()).set(c.CLINIC_ID, clinic.clinicId())
                .set(c.TABLE_NAME, "patients").set(c.ROW_ID, jose.id()).set(c.OP_ID, java.util.UUID.randomUUID())
                .set(c.DEVICE_ID, clinic.deviceId())
                .set(c.FIELDS, "[{\"field\":\"phone\",\"base\":\"11987654321\",\"local\":\"11999990000\","
                        + "\"server\":\"11955554444\",\"winner\":\"undecided\"},{\"field\":\"email\","
                        + "\"base\":\"jose@example.com\",\"local\":\"jose.silva@example.com\","
                        + "\"server\":\"jose@example.com.br\",\"winner\":\"undecided\"}]")
                .set(c.STRATEGY, "manual").set(c.OUTCOME, "server_kept").set(c.STATUS, "open")
                .set(c.DETECTED_AT, clock.instant()).set(c.UPDATED_AT, 1L).set(c.UPDATED_BY, clinic.deviceId())
                .set(c.DELETED, false).set(c.FIELD_VERSIONS, "{}")
                .execute());
        app.local().writeVoid(dsl -> dsl.update(br.com.prontivus.store.schema.Schema.Outbox.TABLE)
                .set(br.com.prontivus.store.schema.Schema.Outbox.STATUS, "parked")
                .set(br.com.prontivus.store.schema.Schema.Outbox.ATTEMPTS, 1)
                .set(br.com.prontivus.store.schema.Schema.Outbox.LAST_ERROR,
                        "checksum mismatch: the operation was damaged after it was recorded; not applied")
                .where(br.com.prontivus.store.schema.Schema.Outbox.TABLE_NAME.eq("patients"))
                .and(br.com.prontivus.store.schema.Schema.Outbox.ROW_ID.eq(patients.get(1).id()))
                .execute());
        new br.com.prontivus.app.Migrations(app).rollbackLatest(Actor.system("tester"),
                br.com.prontivus.app.Migrations.Target.LOCAL);

        openAdmin("maria", br.com.prontivus.ui.admin.AdminPage.Section.CONFLICTS);
        waitFor(() -> lookup("#choice-phone-local").tryQuery().isPresent());
        clickOn("#choice-phone-local");
        settle();
        screenshot(dir.resolve("admin-conflicts.png"));

        showAdmin(br.com.prontivus.ui.admin.AdminPage.Section.SYNC);
        waitFor(() -> lookup("#parkedTable").queryTableView().getItems().size() == 1);
        onFx(() -> {
            lookup("#parkedTable").queryTableView().getSelectionModel().select(0);
            return null;
        });
        clickOn("#discardButton");
        settle();
        screenshot(dir.resolve("admin-sync.png"));
        clickOn("#discardCancelButton");

        showAdmin(br.com.prontivus.ui.admin.AdminPage.Section.MIGRATIONS);
        waitFor(() -> lookup("#migrationTable").queryTableView().getItems().size() > 1
                && !lookup("#migrationTrail").queryTableView().getItems().isEmpty());
        clickOn("#validateButton");
        waitFor(() -> !text("#migrationMessage").isEmpty());
        settle();
        screenshot(dir.resolve("admin-migrations.png"));

        showAdmin(br.com.prontivus.ui.admin.AdminPage.Section.USERS);
        waitFor(() -> lookup("#userTable").queryTableView().getItems().size() == 2);
        clickOn("#newLoginField").write("carla");
        clickOn("#newNameField").write("Carla Mendes");
        settle();
        screenshot(dir.resolve("admin-users.png"));

        showAdmin(br.com.prontivus.ui.admin.AdminPage.Section.AUDIT);
        waitFor(() -> !lookup("#auditTable").queryTableView().getItems().isEmpty());
        clickOn("#auditPatientFilter").write("silva");
        clickOn("#auditSearchButton");
        settle();
        screenshot(dir.resolve("admin-audit.png"));

        // Health: opening it starts the monitor; a quarter of an hour of samples, one a minute, and a
        // memory warning level below today's use so the cards and the alert history show a change.
        new br.com.prontivus.app.Migrations(app).run(Actor.system("tester"),
                br.com.prontivus.app.Migrations.Target.LOCAL); // the rolled-back one holds the monitor's tables
        showAdmin(br.com.prontivus.ui.admin.AdminPage.Section.HEALTH);
        waitFor(() -> lookup("#healthCard-memory").tryQuery().isPresent());
        onFx(() -> desktop.main().admin().healthNotifier(a -> { })); // no popup over the screenshot
        app.monitor().setThreshold(new br.com.prontivus.monitor.Threshold(
                br.com.prontivus.monitor.Threshold.Metric.MEMORY_USED_PERCENT, 5, 97), "maria");
        for (int i = 0; i < 15; i++) {
            clock.advance(Duration.ofMinutes(1));
            app.monitor().tick();
        }
        onFx(() -> {
            desktop.main().admin().health().reload();
            return null;
        });
        waitFor(() -> text("#healthStatus-memory").equals("Atenção")
                && !lookup("#healthAlerts").queryTableView().getItems().isEmpty());
        settle();
        screenshot(dir.resolve("admin-health.png"));
    }

    private void showAdmin(br.com.prontivus.ui.admin.AdminPage.Section section) throws Exception {
        onFx(() -> {
            desktop.main().admin().show(section);
            return null;
        });
        settle();
    }

    /** Six patients, a morning of appointments in various states, the clock at 09:40. */
    private List<Patient> seed() {
        Actor actor = Actor.system("tester");
        var ps = services().patients();
        List<Patient> patients = new ArrayList<>();
        patients.add(ps.register(actor, new PatientDraft("José da Conceição Silva", null, "52998224725",
                LocalDate.of(1980, 3, 15), "male", "11987654321", "jose@example.com", "Rua das Flores, 100 — São Paulo",
                null)));
        patients.add(ps.register(actor, new PatientDraft("Ana Beatriz Ferreira", null, "11144477735",
                LocalDate.of(1992, 7, 4), "female", "11912345678", null, null, null)));
        patients.add(ps.register(actor, new PatientDraft("Maria Aparecida Silva", "Cida", "12345678909",
                LocalDate.of(1958, 12, 1), "female", "1134567890", null, null, null)));
        patients.add(ps.register(actor, new PatientDraft("Pedro Henrique Souza", null, null,
                LocalDate.of(2019, 5, 20), "male", "11955554444", null, null, null)));
        patients.add(ps.register(actor, new PatientDraft("Luíza Gonçalves", null, null,
                LocalDate.of(2001, 9, 9), "female", "21988887777", null, null, null)));
        patients.add(ps.register(actor, new PatientDraft("Raimundo Nonato Araújo", null, null,
                LocalDate.of(1949, 1, 30), "male", null, null, null, null)));
        var as = services().appointments();
        var ana = practitioners.get(0).id();
        var bruno = practitioners.get(1).id();
        Appointment a1 = book(patients.get(0), ana, 8, 0);
        Appointment a2 = book(patients.get(1), ana, 9, 0);
        Appointment a3 = book(patients.get(2), ana, 9, 30);
        book(patients.get(4), ana, 10, 30);
        Appointment b1 = book(patients.get(3), bruno, 8, 30);
        Appointment b2 = book(patients.get(5), bruno, 9, 0);
        book(patients.get(0), bruno, 14, 0);
        as.book(actor, new AppointmentService.Booking(patients.get(0).id(), ana,
                TODAY.plusDays(7).atTime(10, 0).atZone(ZONE).toInstant(), 30, "Retorno", null));
        clock.advance(Duration.ofMinutes(-70)); // 07:50
        as.checkIn(actor, a1.id());
        clock.advance(Duration.ofMinutes(15));
        as.changeStatus(actor, a1.id(), AppointmentStatus.IN_SERVICE);
        clock.advance(Duration.ofMinutes(30));
        as.changeStatus(actor, a1.id(), AppointmentStatus.COMPLETED);
        as.checkIn(actor, b1.id()); // 08:35
        as.changeStatus(actor, b1.id(), AppointmentStatus.IN_SERVICE);
        clock.advance(Duration.ofMinutes(20)); // 08:55
        as.checkIn(actor, a2.id());
        clock.advance(Duration.ofMinutes(5));
        as.checkIn(actor, b2.id()); // 09:00
        clock.advance(Duration.ofMinutes(40)); // 09:40: a3 (09:30) not here yet → late
        assertThat(a3).isNotNull();
        return patients;
    }

    private Appointment book(Patient p, java.util.UUID practitioner, int hour, int minute) {
        return services().appointments().book(Actor.system("tester"), new AppointmentService.Booking(p.id(),
                practitioner, TODAY.atTime(hour, minute).atZone(ZONE).toInstant(), 30, "Consulta", null));
    }
}
