package br.com.prontivus.sync;

import static br.com.prontivus.sync.Edits.register;
import static br.com.prontivus.sync.Edits.set;
import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService.Booking;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants 2, 3 and 4 together: three desktops edit the same patients and appointments while
 * syncing in between, a fourth joins late; at the end every SQLite equals PostgreSQL, no op is
 * applied twice, each conflict is recorded once and no change is lost.
 */
class MultiDesktopConvergenceTest {

    @TempDir
    Path dir;

    @Test
    void overlappingEditsOnThreeDesktopsConverge() {
        long start = System.nanoTime();
        try (SyncWorld w = SyncWorld.create(dir)) {
            Map<String, String> s = SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "newest_wins");
            Desktop a = w.first("a", s);
            Desktop b = w.joined("b", a.clinicId(), s);
            Desktop c = w.joined("c", a.clinicId(), s);
            List<Desktop> all = List.of(a, b, c);

            List<Patient> ps = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ps.add(register(a, "Paciente " + i));
            }
            Practitioner dra = a.services().practitioners().add(Desktop.ACTOR, "Dra. Ana", "clínica", null);
            Instant slot = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            Appointment ap0 = a.services().appointments().book(Desktop.ACTOR, new Booking(ps.get(0).id(), dra.id(), slot, 30, "consulta", null));
            requireOk(a.sync());
            requireOk(b.sync());
            requireOk(c.sync());

            // Round 1: all three edit offline; same field on patient 0, disjoint fields on patient 1.
            set(a, ps.get(0).id(), "phone", "11911110000");
            set(b, ps.get(0).id(), "phone", "11922220000");
            set(c, ps.get(0).id(), "phone", "11933330000");
            set(a, ps.get(1).id(), "email", "um@example.com");
            set(b, ps.get(1).id(), "notes", "alergia a dipirona");
            set(c, ps.get(1).id(), "address", "Rua das Flores, 10");
            b.services().appointments().move(Desktop.ACTOR, ap0.id(), slot.plus(1, ChronoUnit.HOURS), null);
            c.services().appointments().changeStatus(Desktop.ACTOR, ap0.id(), br.com.prontivus.clinic.AppointmentStatus.CONFIRMED);
            Patient newOnB = register(b, "Nova no B");
            Appointment apB = b.services().appointments().book(Desktop.ACTOR, new Booking(newOnB.id(), dra.id(), slot.plus(3, ChronoUnit.HOURS), 20, "retorno", null));
            requireOk(b.sync());
            // Round 2: c has not pulled yet; a pulls b's work and edits on top of it.
            requireOk(a.sync());
            set(a, newOnB.id(), "phone", "11944440000");
            a.services().appointments().checkIn(Desktop.ACTOR, apB.id());
            set(c, ps.get(2).id(), "full_name", "Paciente Dois Silva");
            set(a, ps.get(2).id(), "social_name", "Dora");
            c.services().patients().delete(Desktop.ACTOR, ps.get(3).id());
            set(a, ps.get(3).id(), "notes", "editado enquanto apagado");
            set(b, ps.get(4).id(), "notes", "b antes");
            requireOk(c.sync());
            requireOk(a.sync());
            set(b, ps.get(4).id(), "notes", "b depois");
            b.services().patients().delete(Desktop.ACTOR, ps.get(5).id());
            requireOk(b.sync());
            set(c, ps.get(4).id(), "phone", "11955550000");
            requireOk(c.sync());
            // Patient 2 is edited again after all of this; the appointment on the new patient comes
            // before the patient's latest version in the version order.
            set(b, newOnB.id(), "email", "nova@example.com");

            int rounds = SyncWorld.syncUntilQuiet(all);
            // A desktop joining now bootstraps everything, in version order.
            Desktop late = w.joined("late", a.clinicId(), s);
            List<Desktop> everyone = List.of(a, b, c, late);
            SyncWorld.syncUntilQuiet(everyone);

            Convergence.assertConverged(w.url(), a.clinicId(), everyone);
            long conflicts = w.count("SELECT count(*) FROM sync_conflicts WHERE clinic_id = '" + a.clinicId() + "'");
            assertThat(conflicts).as("same-field edits of patient 0 and delete-vs-edit of patient 3 were conflicts")
                    .isGreaterThanOrEqualTo(3);
            // disjoint fields of patient 1 merged everywhere
            Patient p1 = c.services().patients().require(ps.get(1).id());
            assertThat(p1.email()).isEqualTo("um@example.com");
            assertThat(p1.notes()).isEqualTo("alergia a dipirona");
            assertThat(p1.address()).isEqualTo("Rua das Flores, 10");
            assertThat(late.services().patients().require(newOnB.id()).email()).isEqualTo("nova@example.com");
            assertThat(late.services().patients().require(ps.get(4).id()).notes()).isEqualTo("b depois");
            assertThat(late.services().patients().require(ps.get(4).id()).phone()).isEqualTo("11955550000");
            System.out.printf("multi-desktop convergence: %d rounds to quiet, %d conflicts, %d ms%n", rounds,
                    conflicts, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
