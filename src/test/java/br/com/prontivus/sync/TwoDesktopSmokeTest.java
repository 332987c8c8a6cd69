package br.com.prontivus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class TwoDesktopSmokeTest {

    @TempDir
    Path dir;

    @Test
    void aPatientRegisteredOnOneDesktopReachesTheOther() {
        try (var pg = PostgresTestDatabase.create()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(pg.jdbcUrl());
            Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
            try (Desktop a = Desktop.open(dir.resolve("a"), "a", pg.jdbcUrl(), Map.of()).initClinic("Clínica Sol");
                 Desktop b = Desktop.open(dir.resolve("b"), "b", pg.jdbcUrl(), Map.of())) {
                Patient p = a.services().patients().register(Desktop.ACTOR, new PatientDraft("José da Silva", null,
                        "529.982.247-25", null, null, null, null, null, null));
                var ra = a.sync();
                assertThat(ra.ok()).as(ra.error()).isTrue();
                assertThat(ra.pushed()).isGreaterThan(0);
                b.join(a.clinicId());
                var rb = b.sync();
                assertThat(rb.ok()).as(rb.error()).isTrue();
                assertThat(b.services().patients().search("jose", 10)).extracting(Patient::id).containsExactly(p.id());
                assertThat(b.services().staff().list()).hasSize(1);
                // edit on B, disjoint edit on A, both sync: both fields land everywhere
                b.services().patients().update(Desktop.ACTOR, p.id(), withPhone(b.services().patients().require(p.id()), "11987654321"));
                a.services().patients().update(Desktop.ACTOR, p.id(), withEmail(a.services().patients().require(p.id()), "jose@example.com"));
                assertThat(b.sync().ok()).isTrue();
                assertThat(a.sync().ok()).isTrue();
                assertThat(b.sync().ok()).isTrue();
                Patient onA = a.services().patients().require(p.id());
                Patient onB = b.services().patients().require(p.id());
                assertThat(onA.phone()).isEqualTo("11987654321");
                assertThat(onA.email()).isEqualTo("jose@example.com");
                assertThat(onB).isEqualTo(onA);
            }
        }
    }

    private static PatientDraft withPhone(Patient p, String phone) {
        PatientDraft d = p.toDraft();
        return new PatientDraft(d.fullName(), d.socialName(), d.cpf(), d.birthDate(), d.sex(), phone, d.email(),
                d.address(), d.notes());
    }

    private static PatientDraft withEmail(Patient p, String email) {
        PatientDraft d = p.toDraft();
        return new PatientDraft(d.fullName(), d.socialName(), d.cpf(), d.birthDate(), d.sex(), d.phone(), email,
                d.address(), d.notes());
    }
}
