package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.store.Database;
import br.com.prontivus.testing.PostgresTestDatabase;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {

    @TempDir
    Path dir;

    @Test
    void sqlite() {
        try (Database db = TestStores.migratedSqlite(dir.resolve("p.db"))) {
            exercise(db);
        }
    }

    @Test
    void postgres() {
        try (var pg = PostgresTestDatabase.create(); Database db = TestStores.migratedPostgres(pg)) {
            exercise(db);
        }
    }

    private void exercise(Database db) {
        ClinicData data = TestStores.initClinic(db, Clock.systemUTC());
        Actor actor = Actor.system("t");
        PatientService patients = new PatientService(data);
        Patient p = patients.register(actor, new PatientDraft("José da Conceição", null, "529.982.247-25",
                LocalDate.of(1980, 1, 2), "male", "(11) 98765-4321", null, null, null));
        assertThat(p.cpf()).isEqualTo("52998224725");
        assertThat(patients.search("conce", 10)).extracting(Patient::id).containsExactly(p.id());
        assertThat(patients.search("JOSE CON", 10)).hasSize(1);
        assertThat(patients.search("5299", 10)).hasSize(1);
        assertThatThrownBy(() -> patients.register(actor, new PatientDraft("X Y", null, "529.982.247-25",
                null, null, null, null, null, null))).isInstanceOf(DomainException.Conflict.class);
        var pr = new PractitionerService(data).add(actor, "Dra. Ana", "Cardiologia", "CRM-SP 1");
        var appts = new AppointmentService(data, ZoneId.of("America/Sao_Paulo"));
        Instant start = Instant.parse("2026-12-01T13:00:00Z");
        var a = appts.book(actor, new AppointmentService.Booking(p.id(), pr.id(), start, 30, "consulta", null));
        assertThatThrownBy(() -> appts.book(actor, new AppointmentService.Booking(p.id(), pr.id(),
                start.plusSeconds(600), 30, "consulta", null))).isInstanceOf(DomainException.Conflict.class);
        appts.book(actor, new AppointmentService.Booking(p.id(), pr.id(), start.plusSeconds(1800), 30, "consulta", null));
        assertThat(appts.listDay(LocalDate.of(2026, 12, 1), null)).hasSize(2);
        assertThat(appts.checkIn(actor, a.id()).status()).isEqualTo(AppointmentStatus.CHECKED_IN);
    }
}
