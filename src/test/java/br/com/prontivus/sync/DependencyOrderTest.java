package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService.Booking;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Foreign keys on both sides: a batch that creates a patient and books it must apply in one server
 * transaction (parents written first), and a pull must never write an appointment before its patient,
 * even when the patient changed after the booking (its version is then higher than the booking's).
 */
class DependencyOrderTest extends br.com.prontivus.testing.SyncWorldTestBase {

    @Test
    void aBatchWithPatientsAndTheirAppointmentsCommitsInOneTransaction() {
        Desktop a = w.first("batch-a", Map.of());
        Practitioner dr = a.services().practitioners().add(Desktop.ACTOR, "Dr. Ordem", null, null);
        requireOk(a.sync());
        AtomicInteger commits = new AtomicInteger();
        a.engine().observer(new SyncObserver() {
            @Override
            public void serverCommitted(int ops) {
                commits.incrementAndGet();
            }
        });
        Instant slot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 12; i++) {
            Patient p = Edits.register(a, "Ordem " + i);
            a.services().appointments().book(Desktop.ACTOR, new Booking(p.id(), dr.id(), slot.plus(i, ChronoUnit.HOURS), 30, "consulta", null));
            requireOk(a.sync());
        }
        assertThat(commits.get()).as("one server transaction per batch, not one per op after a foreign key failure")
                .isEqualTo(12);
        Convergence.assertConverged(w.url(), a.clinicId(), List.of(a));
    }

    @Test
    void aPullWritesPatientsBeforeTheAppointmentsThatNeedThem() {
        Desktop b = w.first("pull-b", Map.of());
        Desktop c = w.joined("pull-c", b.clinicId(), Map.of());
        Practitioner dr = b.services().practitioners().add(Desktop.ACTOR, "Dr. Pull", null, null);
        Instant slot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Appointment> booked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Patient p = Edits.register(b, "Pull " + i);
            booked.add(b.services().appointments().book(Desktop.ACTOR, new Booking(p.id(), dr.id(), slot.plus(i, ChronoUnit.HOURS), 30, "consulta", null)));
            requireOk(b.sync());
            Edits.set(b, p.id(), "phone", "1198888000" + i); // the patient now has a higher version than its booking
            requireOk(b.sync());
        }
        requireOk(c.sync());
        assertThat(c.services().appointments().list(100, 0)).hasSize(3);
        // a bootstrap in one-row-per-table chunks: the booking's chunk ends before the patient's version
        Desktop late = w.open("pull-late", Map.of()).join(b.clinicId());
        SyncEngine tiny = SyncWorld.engine(late, 500, 1, 3);
        requireOk(tiny.syncNow());
        assertThat(late.services().appointments().list(100, 0)).hasSize(3);
        SyncWorld.syncUntilQuiet(List.of(b, c, late));
        Convergence.assertConverged(w.url(), b.clinicId(), List.of(b, c, late));
    }
}
