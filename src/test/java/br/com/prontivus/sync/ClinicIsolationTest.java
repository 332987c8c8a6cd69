package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 10: desktops connect with their clinic's login role (never as a superuser); row-level
 * security keeps each clinic's rows invisible and untouchable to the other, even with hand-written
 * SQL over the desktop's own connection, and a full sync works under the restricted role.
 */
class ClinicIsolationTest {

    @TempDir
    static Path dir;
    static SyncWorld w;
    static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    static final String ROLE_A = "iso_a_" + SUFFIX;
    static final String ROLE_B = "iso_b_" + SUFFIX;
    static final String PASSWORD = "senha-longa-" + SUFFIX;

    @BeforeAll
    static void start() {
        w = SyncWorld.create(dir);
    }

    @AfterAll
    static void stop() {
        try {
            w.close();
        } finally {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + w.pg().hostPort() + "/postgres?user=postgres");
                 var s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + ROLE_A);
                s.execute("DROP ROLE IF EXISTS " + ROLE_B);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String urlFor(String role) {
        return "jdbc:postgresql://" + w.pg().hostPort() + "/" + w.pg().name() + "?user=" + role + "&password=" + PASSWORD;
    }

    @Test
    void aDesktopSeesAndChangesOnlyItsOwnClinic() {
        UUID clinicA = Ids.newId();
        UUID clinicB = Ids.newId();
        try (PostgresDatabase su = PostgresDatabase.open(new PostgresDatabase.Connection(w.url(), null, null, "su",
                2, 0, Duration.ofSeconds(5), Duration.ofMinutes(10)))) {
            ServerAdmin admin = new ServerAdmin(su, new MigrationActor("test", null));
            admin.setup();
            admin.grant(clinicA, ROLE_A, PASSWORD.toCharArray());
            admin.grant(clinicB, ROLE_B, PASSWORD.toCharArray());
        }
        Desktop a = w.open("iso-a", urlFor(ROLE_A), Map.of());
        a.app().init(clinicA, "Clínica A", "admin", "Admin", "segredo123".toCharArray(), "iso-a");
        Desktop b = w.open("iso-b", urlFor(ROLE_B), Map.of());
        b.app().init(clinicB, "Clínica B", "admin", "Admin", "segredo123".toCharArray(), "iso-b");
        var pa = Edits.register(a, "Paciente de A");
        var pb = Edits.register(b, "Paciente de B");
        requireOk(a.sync());
        requireOk(b.sync());
        Desktop a2 = w.open("iso-a2", urlFor(ROLE_A), Map.of()).join(clinicA);
        requireOk(a2.sync());
        Edits.set(a2, pa.id(), "phone", "11987654321");
        requireOk(a2.sync());
        SyncWorld.syncUntilQuiet(List.of(a, a2));
        assertThat(Edits.get(a, pa.id()).phone()).isEqualTo("11987654321");
        assertThat(a.services().patients().count()).isEqualTo(1);

        PostgresDatabase serverOfA = a.app().server().orElseThrow();
        assertThat((String) serverOfA.read(dsl -> dsl.fetchOne("SELECT current_user").get(0, String.class))).isEqualTo(ROLE_A);
        for (String table : List.of("patients", "clinics", "devices", "staff_users", "audit_log", "applied_ops",
                "sync_conflicts", "clinic_version")) {
            assertThat((Long) serverOfA.read(dsl -> dsl.fetchOne("SELECT count(*) FROM " + table + " WHERE clinic_id = ?",
                    clinicB).get(0, Long.class))).as(table + " of clinic B").isZero();
        }
        assertThat((Long) serverOfA.read(dsl -> dsl.fetchOne("SELECT count(*) FROM patients").get(0, Long.class))).isEqualTo(1);
        assertThat((Integer) serverOfA.write(dsl -> dsl.execute("UPDATE patients SET notes = 'invadido' WHERE clinic_id = ?", clinicB)))
                .isZero();
        assertThat((Integer) serverOfA.write(dsl -> dsl.execute("UPDATE patients SET notes = 'invadido' WHERE id = ?", pb.id())))
                .isZero();
        assertThatThrownBy(() -> serverOfA.write(dsl -> dsl.execute("DELETE FROM patients WHERE clinic_id = ?", clinicB)))
                .hasMessageContaining("permission denied"); // synced rows are never hard-deleted by a desktop
        assertThatThrownBy(() -> serverOfA.write(dsl -> dsl.execute("INSERT INTO patients (id, clinic_id, full_name,"
                + " search_name, updated_at, updated_by) VALUES (?, ?, 'intruso', 'intruso', 1, ?)", Ids.newId(), clinicB,
                a.deviceId()))).hasMessageContaining("row-level security");
        assertThatThrownBy(() -> serverOfA.write(dsl -> dsl.execute("UPDATE patients SET clinic_id = ? WHERE id = ?",
                clinicB, pa.id()))).hasMessageContaining("row-level security");
        assertThat(w.count("SELECT count(*) FROM patients WHERE notes = 'invadido' OR full_name = 'intruso'")).isZero();
        Convergence.assertConverged(w.url(), clinicA, List.of(a, a2));
        Convergence.assertConverged(w.url(), clinicB, List.of(b));
    }
}
