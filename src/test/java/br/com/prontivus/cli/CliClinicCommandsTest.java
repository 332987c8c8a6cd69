package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** practitioners, appointments and users on a fresh data directory, with the bad inputs each must refuse. */
class CliClinicCommandsTest {

    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void init() {
        cli = new CliHarness(home).init();
    }

    private String addPatient(String name, String cpf) {
        return cli.run("patients", "add", "--name", name, "--cpf", cpf, "--json").ok().json().get("id").asText();
    }

    private String addPractitioner(String name) {
        return cli.run("practitioners", "add", "--name", name, "--specialty", "Cardiologia",
                "--council-registration", "CRM-SP 123456", "--json").ok().json().get("id").asText();
    }

    @Test
    void practitionersAddAndListWithColumnNamedJson() {
        var added = cli.run("practitioners", "add", "--name", "Dra. Beatriz Souza", "--specialty", "Pediatria",
                "--council-registration", "CRM-SP 98765", "--json").ok().json();
        assertThat(fieldNames(added)).containsExactly("id", "clinic_id", "full_name", "specialty",
                "council_registration", "active", "row_version");
        assertThat(added.get("full_name").asText()).isEqualTo("Dra. Beatriz Souza");
        cli.run("practitioners", "add", "--name", "Dr. Carlos Lima").ok();

        JsonNode list = cli.run("practitioners", "list", "--json").ok().json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).extracting(n -> n.get("full_name").asText())
                .containsExactly("Dr. Carlos Lima", "Dra. Beatriz Souza");
        var text = cli.run("practitioners", "list").ok();
        assertThat(text.out()).contains("NAME", "Dra. Beatriz Souza", "CRM-SP 98765");
        assertThat(cli.count("SELECT count(*) FROM practitioners")).isEqualTo(2);
        assertThat(cli.count("SELECT count(*) FROM outbox WHERE table_name = 'practitioners' AND kind = 'insert'"))
                .isEqualTo(2);

        cli.run("practitioners", "add", "--name", " ").expect(2);
        assertThat(cli.count("SELECT count(*) FROM practitioners")).isEqualTo(2);
    }

    @Test
    void appointmentLifeCycleThroughTheCommandLine() {
        String patient = addPatient("Maria da Silva", "123.456.789-09");
        String doctor = addPractitioner("Dr. João Pereira");

        // local time in the clinic's zone (São Paulo, UTC-3), practitioner by name, accents ignored
        var booked = cli.run("appointments", "add", "--patient", patient, "--practitioner", "dr. joao pereira",
                "--start", "2026-12-01T09:00", "--type", "consulta", "--notes", "primeira vez", "--json").ok().json();
        assertThat(fieldNames(booked)).contains("id", "clinic_id", "patient_id", "practitioner_id", "starts_at",
                "ends_at", "duration_minutes", "type", "status", "notes", "scheduled_at", "checked_in_at",
                "row_version");
        assertThat(booked.get("starts_at").asText()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(booked.get("duration_minutes").asInt()).isEqualTo(30);
        assertThat(booked.get("practitioner_id").asText()).isEqualTo(doctor);
        assertThat(booked.get("status").asText()).isEqualTo("scheduled");
        String id = booked.get("id").asText();

        // an offset is taken as given: 13:00Z = 10:00 in São Paulo
        var moved = cli.run("appointments", "move", id, "--start", "2026-12-01T13:00Z", "--duration", "45", "--json")
                .ok().json();
        assertThat(moved.get("starts_at").asText()).isEqualTo("2026-12-01T13:00:00Z");
        assertThat(moved.get("ends_at").asText()).isEqualTo("2026-12-01T13:45:00Z");
        // to another practitioner (by name) and back; an unknown one is "not found" and changes nothing
        String other = addPractitioner("Dra. Ana Souza");
        assertThat(cli.run("appointments", "move", id, "--start", "2026-12-01T13:00Z", "--practitioner", "dra. ana souza",
                "--json").ok().json().get("practitioner_id").asText()).isEqualTo(other);
        cli.run("appointments", "move", id, "--start", "2026-12-01T13:00Z", "--practitioner", "Dr. Nobody").expect(3);
        assertThat(cli.run("appointments", "move", id, "--start", "2026-12-01T13:00Z", "--practitioner", doctor,
                "--json").ok().json().get("practitioner_id").asText()).isEqualTo(doctor);

        var day = cli.run("appointments", "list", "--date", "2026-12-01").ok();
        assertThat(day.out()).contains("10:00", "10:45", "Dr. João Pereira", "Maria da Silva", "consulta", "scheduled");
        JsonNode dayJson = cli.run("appointments", "list", "--date", "2026-12-01", "--practitioner", doctor, "--json")
                .ok().json();
        assertThat(dayJson).hasSize(1);
        assertThat(cli.run("appointments", "list", "--date", "2026-12-02", "--json").ok().json()).isEmpty();

        cli.run("appointments", "status", id, "confirmed").ok();
        assertThat(cli.run("appointments", "checkin", id, "--json").ok().json().get("status").asText())
                .isEqualTo("checked_in");
        cli.run("appointments", "status", id, "in_service").ok();
        var done = cli.run("appointments", "status", id, "completed", "--json").ok().json();
        assertThat(done.get("completed_at").isNull()).isFalse();
        assertThat(cli.string("SELECT status FROM appointments WHERE id = '" + id + "'")).isEqualTo("completed");

        // a forbidden transition: completed is final; nothing changes
        long outbox = cli.count("SELECT count(*) FROM outbox");
        var refused = cli.run("appointments", "status", id, "scheduled").expect(4);
        assertThat(refused.err()).contains("completed cannot become scheduled");
        assertThat(refused.err().lines()).hasSize(1);
        cli.run("appointments", "cancel", id).expect(4);
        assertThat(cli.string("SELECT status FROM appointments WHERE id = '" + id + "'")).isEqualTo("completed");
        assertThat(cli.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);

        // unknown status word, unknown appointment, bad start
        cli.run("appointments", "status", id, "finished").expect(2);
        cli.run("appointments", "checkin", "0190a3c4-0000-7000-8000-000000000000").expect(3);
        assertThat(cli.run("appointments", "add", "--patient", patient, "--practitioner", doctor, "--start",
                "amanhã", "--type", "consulta").expect(2).err()).contains("--start");
    }

    @Test
    void overlappingAppointmentIsRefusedAndNothingIsWritten() {
        String patient = addPatient("Maria da Silva", "12345678909");
        String other = addPatient("José Santos", "98765432100");
        String doctor = addPractitioner("Dr. João Pereira");
        cli.run("appointments", "add", "--patient", patient, "--practitioner", doctor, "--start", "2026-12-01T09:00",
                "--duration", "60", "--type", "consulta").ok();
        long before = cli.count("SELECT count(*) FROM appointments");
        long outbox = cli.count("SELECT count(*) FROM outbox");

        var r = cli.run("appointments", "add", "--patient", other, "--practitioner", doctor, "--start",
                "2026-12-01T09:30", "--type", "consulta").expect(4);
        assertThat(r.err()).contains("Dr. João Pereira already has an appointment from 2026-12-01 09:00 to 2026-12-01 10:00");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(cli.count("SELECT count(*) FROM appointments")).isEqualTo(before);
        assertThat(cli.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);

        // right after is free; a cancelled slot is free again
        var next = cli.run("appointments", "add", "--patient", other, "--practitioner", doctor, "--start",
                "2026-12-01T10:00", "--type", "retorno", "--json").ok().json();
        cli.run("appointments", "cancel", next.get("id").asText()).ok();
        cli.run("appointments", "add", "--patient", other, "--practitioner", doctor, "--start", "2026-12-01T10:00",
                "--type", "retorno").ok();
    }

    @Test
    void invalidAndDuplicateCpfAreRefusedWithNothingChanged() {
        addPatient("Maria da Silva", "123.456.789-09");
        long patients = cli.count("SELECT count(*) FROM patients");
        long outbox = cli.count("SELECT count(*) FROM outbox");

        var invalid = cli.run("patients", "add", "--name", "José", "--cpf", "123.456.789-00").expect(2);
        assertThat(invalid.err()).isEqualTo("prontivus: Invalid CPF 123.456.789-00: the check digits do not match"
                + System.lineSeparator());
        var duplicate = cli.run("patients", "add", "--name", "José", "--cpf", "12345678909").expect(4);
        assertThat(duplicate.err()).contains("CPF 123.456.789-09 is already registered for patient Maria da Silva");
        assertThat(cli.count("SELECT count(*) FROM patients")).isEqualTo(patients);
        assertThat(cli.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
    }

    @Test
    void usersNeedAnAdministratorsPassword() {
        long users = cli.count("SELECT count(*) FROM staff_users");

        // wrong admin password: exit 2, no user, and the new user's password is never asked for
        var wrong = cli.runWithInput("errada123\nnovasenha1\n", "users", "add", "recepcao", "--name", "Rita Recepção",
                "--role", "reception", "--as", "admin").expect(2);
        assertThat(wrong.err()).isEqualTo("prontivus: Wrong login or password" + System.lineSeparator());
        assertThat(cli.count("SELECT count(*) FROM staff_users")).isEqualTo(users);

        var added = cli.runWithInput(CliHarness.ADMIN_PASSWORD + "\nnovasenha1\n", "users", "add", "recepcao",
                "--name", "Rita Recepção", "--role", "reception", "--as", "admin", "--json").ok().json();
        assertThat(fieldNames(added)).containsExactly("id", "clinic_id", "login", "full_name", "role", "active",
                "row_version");
        assertThat(added.get("role").asText()).isEqualTo("reception");
        assertThat(cli.count("SELECT count(*) FROM staff_users")).isEqualTo(users + 1);
        assertThat(cli.string("SELECT summary FROM audit_log WHERE action = 'user.add'")).startsWith("admin: ");

        // a reception user cannot authorise account changes
        var reception = cli.runWithInput("novasenha1\noutrasenha1\n", "users", "add", "outra", "--name", "Outra",
                "--role", "admin", "--as", "recepcao").expect(4);
        assertThat(reception.err()).contains("recepcao is not an administrator");
        assertThat(cli.count("SELECT count(*) FROM staff_users")).isEqualTo(users + 1);

        // passwd: the new password works, the old one no longer does
        String hashBefore = cli.string("SELECT password_hash FROM staff_users WHERE login = 'recepcao'");
        cli.runWithInput(CliHarness.ADMIN_PASSWORD + "\ntrocada123\n", "users", "passwd", "recepcao", "--as", "admin")
                .ok();
        assertThat(cli.string("SELECT password_hash FROM staff_users WHERE login = 'recepcao'")).isNotEqualTo(hashBefore);
        cli.runWithInput("trocada123\nqualquer12\n", "users", "add", "x-user", "--name", "X", "--role", "reception",
                "--as", "recepcao").expect(4); // authenticated with the new password, refused for its role
        cli.runWithInput("novasenha1\n", "users", "passwd", "admin", "--as", "recepcao").expect(2);
        cli.runWithInput(CliHarness.ADMIN_PASSWORD + "\ntrocada123\n", "users", "passwd", "ninguem", "--as", "admin")
                .expect(3);
        cli.runWithInput(CliHarness.ADMIN_PASSWORD + "\ncurta\n", "users", "add", "novo", "--name", "Novo",
                "--role", "reception", "--as", "admin").expect(2);
        cli.run("users", "add", "novo", "--name", "Novo", "--role", "chefe", "--as", "admin").expect(2);

        JsonNode list = cli.run("users", "list", "--json").ok().json();
        assertThat(list).extracting(n -> n.get("login").asText()).containsExactly("admin", "recepcao");
        assertThat(list.toString()).doesNotContain("password");
        assertThat(cli.run("users", "list").ok().out()).contains("recepcao", "reception", "Rita Recepção");
    }

    @Test
    void helpVersionAndUnknownCommands() {
        var help = cli.run("--help").ok();
        assertThat(help.out()).contains("practitioners", "appointments", "users", "import", "export", "migrate");
        assertThat(cli.run("import", "patients", "--help").ok().out()).contains("Exit code: 0 when every line");
        assertThat(cli.run("migrate", "rollback", "--help").ok().out()).contains("--yes");
        assertThat(cli.run("--version").ok().out()).startsWith("Prontivus ");
        var unknown = cli.run("frobnicate").expect(2);
        assertThat(unknown.err()).contains("frobnicate").doesNotContain("at br.com");
        assertThat(cli.run("appointments", "list").expect(2).err()).contains("--date").doesNotContain("Exception");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
