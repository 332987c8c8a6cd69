package br.com.prontivus.clinic;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Booking, moving and following appointments through the day. */
public final class AppointmentService {

    private static final Schema.Appointments A = Schema.APPOINTMENTS;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ClinicData data;
    private final ZoneId zone;

    public AppointmentService(ClinicData data, ZoneId zone) {
        this.data = data;
        this.zone = zone;
    }

    public record Booking(UUID patientId, UUID practitionerId, Instant startsAt, int durationMinutes, String type,
                          String notes) {
    }

    public Appointment book(Actor actor, Booking booking) {
        checkDuration(booking.durationMinutes());
        if (booking.type() == null || booking.type().isBlank()) {
            throw new DomainException.InvalidInput("type", "error.required", "type");
        }
        Instant start = booking.startsAt().truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(booking.durationMinutes(), ChronoUnit.MINUTES);
        UUID id = Ids.newId();
        return data.write(actor, tx -> {
            requirePatient(tx.dsl(), booking.patientId());
            Practitioner practitioner = requirePractitioner(tx.dsl(), booking.practitionerId());
            requireFree(tx.dsl(), practitioner, start, end, null);
            Map<Field<?>, Object> v = new HashMap<>();
            v.put(A.PATIENT_ID, booking.patientId());
            v.put(A.PRACTITIONER_ID, booking.practitionerId());
            v.put(A.STARTS_AT, start);
            v.put(A.ENDS_AT, end);
            v.put(A.DURATION_MINUTES, booking.durationMinutes());
            v.put(A.TYPE, booking.type().strip());
            v.put(A.STATUS, AppointmentStatus.SCHEDULED.dbValue());
            v.put(A.NOTES, booking.notes() == null || booking.notes().isBlank() ? null : booking.notes().strip());
            v.put(A.SCHEDULED_AT, tx.now());
            for (Field<Instant> f : List.of(A.CONFIRMED_AT, A.CHECKED_IN_AT, A.IN_SERVICE_AT, A.COMPLETED_AT,
                    A.CANCELLED_AT, A.NO_SHOW_AT)) {
                v.put(f, null);
            }
            tx.insert(A, id, v);
            tx.audit("appointment.book", "appointments", id,
                    "booked " + practitioner.fullName() + " at " + TIME.format(start.atZone(zone)));
            return fetch(tx.dsl(), id).orElseThrow();
        });
    }

    /** Moves a scheduled or confirmed appointment to a new start (and optionally a new duration). */
    public Appointment move(Actor actor, UUID id, Instant newStart, Integer newDuration) {
        return move(actor, id, newStart, newDuration, null);
    }

    /**
     * Moves a scheduled or confirmed appointment to a new start, optionally with a new duration and to
     * another practitioner ({@code null}: the same), whose agenda must be free at the new time.
     */
    public Appointment move(Actor actor, UUID id, Instant newStart, Integer newDuration, UUID newPractitionerId) {
        return data.write(actor, tx -> {
            Appointment current = requireAppointment(tx.dsl(), id);
            if (current.status() != AppointmentStatus.SCHEDULED && current.status() != AppointmentStatus.CONFIRMED) {
                throw new DomainException.Conflict("error.appointment.not_movable", current.status().dbValue());
            }
            int duration = newDuration == null ? current.durationMinutes() : newDuration;
            checkDuration(duration);
            Instant start = newStart.truncatedTo(ChronoUnit.MINUTES);
            Instant end = start.plus(duration, ChronoUnit.MINUTES);
            UUID practitionerId = newPractitionerId == null ? current.practitionerId() : newPractitionerId;
            Practitioner practitioner = requirePractitioner(tx.dsl(), practitionerId);
            requireFree(tx.dsl(), practitioner, start, end, id);
            Map<Field<?>, Object> changes = new HashMap<>();
            changes.put(A.STARTS_AT, start);
            changes.put(A.ENDS_AT, end);
            changes.put(A.DURATION_MINUTES, duration);
            boolean otherPractitioner = !practitionerId.equals(current.practitionerId());
            if (otherPractitioner) {
                changes.put(A.PRACTITIONER_ID, practitionerId);
            }
            if (!tx.update(A, id, changes)) {
                return current; // same slot: nothing changed, nothing to sync or audit
            }
            tx.audit("appointment.move", "appointments", id, "moved from "
                    + TIME.format(current.startsAt().atZone(zone)) + " to " + TIME.format(start.atZone(zone))
                    + (otherPractitioner ? " with " + practitioner.fullName() : ""));
            return fetch(tx.dsl(), id).orElseThrow();
        });
    }

    public Appointment cancel(Actor actor, UUID id) {
        return changeStatus(actor, id, AppointmentStatus.CANCELLED);
    }

    public Appointment checkIn(Actor actor, UUID id) {
        return changeStatus(actor, id, AppointmentStatus.CHECKED_IN);
    }

    /** Moves the appointment along its life cycle, stamping the time of the transition. */
    public Appointment changeStatus(Actor actor, UUID id, AppointmentStatus target) {
        return data.write(actor, tx -> {
            Appointment current = requireAppointment(tx.dsl(), id);
            if (!current.status().canBecome(target)) {
                throw new DomainException.Conflict("error.appointment.transition",
                        current.status().dbValue(), target.dbValue());
            }
            Map<Field<?>, Object> changes = new HashMap<>();
            changes.put(A.STATUS, target.dbValue());
            changes.put(transitionField(target), tx.now());
            tx.update(A, id, changes);
            tx.audit("appointment." + target.dbValue(), "appointments", id,
                    current.status().dbValue() + " -> " + target.dbValue());
            return fetch(tx.dsl(), id).orElseThrow();
        });
    }

    public Optional<Appointment> get(UUID id) {
        return data.read(dsl -> fetch(dsl, id));
    }

    /** Appointments of one local day (in the clinic's time zone), optionally of one practitioner. */
    public List<Appointment> listDay(LocalDate day, UUID practitionerId) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return data.read(dsl -> dsl.select(A.allFields()).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId())).and(A.DELETED.isFalse())
                .and(A.STARTS_AT.ge(from)).and(A.STARTS_AT.lt(to))
                .and(practitionerId == null ? DSL.trueCondition() : A.PRACTITIONER_ID.eq(practitionerId))
                .orderBy(A.STARTS_AT, A.PRACTITIONER_ID)
                .fetch(AppointmentService::map));
    }

    /** Every live appointment of the clinic in start order, a page at a time (exports). */
    public List<Appointment> list(int limit, int offset) {
        return data.read(dsl -> dsl.select(A.allFields()).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId())).and(A.DELETED.isFalse())
                .orderBy(A.STARTS_AT, A.ID)
                .limit(limit).offset(offset)
                .fetch(AppointmentService::map));
    }

    public List<Appointment> listForPatient(UUID patientId) {
        return data.read(dsl -> dsl.select(A.allFields()).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId())).and(A.DELETED.isFalse()).and(A.PATIENT_ID.eq(patientId))
                .orderBy(A.STARTS_AT.desc())
                .fetch(AppointmentService::map));
    }

    public ZoneId zone() {
        return zone;
    }

    private static Field<Instant> transitionField(AppointmentStatus status) {
        return switch (status) {
            case CONFIRMED -> A.CONFIRMED_AT;
            case CHECKED_IN -> A.CHECKED_IN_AT;
            case IN_SERVICE -> A.IN_SERVICE_AT;
            case COMPLETED -> A.COMPLETED_AT;
            case CANCELLED -> A.CANCELLED_AT;
            case NO_SHOW -> A.NO_SHOW_AT;
            case SCHEDULED -> A.SCHEDULED_AT;
        };
    }

    /** No two active appointments of one practitioner may overlap (half-open intervals). */
    private void requireFree(DSLContext dsl, Practitioner practitioner, Instant start, Instant end, UUID exceptId) {
        dsl.select(A.STARTS_AT, A.ENDS_AT).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId()))
                .and(A.PRACTITIONER_ID.eq(practitioner.id()))
                .and(A.DELETED.isFalse())
                .and(A.STATUS.in(AppointmentStatus.activeDbValues()))
                .and(A.STARTS_AT.lt(end)).and(A.ENDS_AT.gt(start))
                .and(exceptId == null ? DSL.trueCondition() : A.ID.ne(exceptId))
                .orderBy(A.STARTS_AT)
                .limit(1)
                .fetchOptional()
                .ifPresent(r -> {
                    throw new DomainException.Conflict("error.appointment.overlap", practitioner.fullName(),
                            TIME.format(r.value1().atZone(zone)), TIME.format(r.value2().atZone(zone)));
                });
    }

    private void requirePatient(DSLContext dsl, UUID patientId) {
        var p = Schema.PATIENTS;
        boolean exists = dsl.fetchExists(p.table(), p.CLINIC_ID.eq(data.clinicId()).and(p.ID.eq(patientId))
                .and(p.DELETED.isFalse()));
        if (!exists) {
            throw new DomainException.NotFound("error.patient.not_found", patientId);
        }
    }

    private Practitioner requirePractitioner(DSLContext dsl, UUID practitionerId) {
        var pr = Schema.PRACTITIONERS;
        Practitioner practitioner = dsl.select(pr.allFields()).from(pr.table())
                .where(pr.CLINIC_ID.eq(data.clinicId())).and(pr.ID.eq(practitionerId)).and(pr.DELETED.isFalse())
                .fetchOptional(PractitionerService::map)
                .orElseThrow(() -> new DomainException.NotFound("error.practitioner.not_found", practitionerId));
        if (!practitioner.active()) {
            throw new DomainException.Conflict("error.practitioner.inactive", practitioner.fullName());
        }
        return practitioner;
    }

    private Appointment requireAppointment(DSLContext dsl, UUID id) {
        return fetch(dsl, id).orElseThrow(() -> new DomainException.NotFound("error.appointment.not_found", id));
    }

    private Optional<Appointment> fetch(DSLContext dsl, UUID id) {
        return dsl.select(A.allFields()).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId())).and(A.ID.eq(id)).and(A.DELETED.isFalse())
                .fetchOptional(AppointmentService::map);
    }

    private static void checkDuration(int minutes) {
        if (minutes < 5 || minutes > 720) {
            throw new DomainException.InvalidInput("duration_minutes", "error.appointment.duration", minutes);
        }
    }

    static Appointment map(Record r) {
        return new Appointment(r.get(A.ID), r.get(A.CLINIC_ID), r.get(A.PATIENT_ID), r.get(A.PRACTITIONER_ID),
                r.get(A.STARTS_AT), r.get(A.ENDS_AT), r.get(A.DURATION_MINUTES), r.get(A.TYPE),
                AppointmentStatus.parse(r.get(A.STATUS)), r.get(A.NOTES), r.get(A.SCHEDULED_AT),
                r.get(A.CONFIRMED_AT), r.get(A.CHECKED_IN_AT), r.get(A.IN_SERVICE_AT), r.get(A.COMPLETED_AT),
                r.get(A.CANCELLED_AT), r.get(A.NO_SHOW_AT), r.get(A.ROW_VERSION));
    }
}
