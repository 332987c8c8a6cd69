package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.clinic.AppointmentService.Booking;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AppointmentServiceTest extends br.com.prontivus.testing.DialectTestBase {

    static final ZoneId SP = ZoneId.of("America/Sao_Paulo");
    /** 2026-12-01 10:00 in São Paulo (UTC-3, no DST). */
    static final Instant TEN = LocalDateTime.of(2026, 12, 1, 10, 0).atZone(SP).toInstant();


    /** A clinic with one patient and two practitioners. */
    record Setup(ClinicEnv env, AppointmentService appts, Patient patient, Practitioner ana, Practitioner bruno) {
        Appointment book(Practitioner pr, Instant start, int minutes) {
            return appts.book(ACTOR, new Booking(patient.id(), pr.id(), start, minutes, "consulta", null));
        }
    }

    static Setup setup(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        Patient p = new PatientService(env.data()).register(ACTOR, new PatientDraft("Paciente Um", null, null, null,
                null, null, null, null, null));
        PractitionerService prs = new PractitionerService(env.data());
        return new Setup(env, new AppointmentService(env.data(), SP), p, prs.add(ACTOR, "Dra. Ana Souza", "Clínica", null),
                prs.add(ACTOR, "Dr. Bruno Lima", "Pediatria", null));
    }

    static Instant at(int minutesAfterTen) {
        return TEN.plus(Duration.ofMinutes(minutesAfterTen));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bookingStoresTheAppointment(Dialect dialect) {
        Setup s = setup(dialect);
        Map<String, Integer> before = s.env().counts();
        Appointment a = s.appts().book(ACTOR, new Booking(s.patient().id(), s.ana().id(),
                TEN.plusSeconds(42), 30, " consulta ", "  "));
        assertThat(a.startsAt()).isEqualTo(TEN); // truncated to the minute
        assertThat(a.endsAt()).isEqualTo(at(30));
        assertThat(a.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(a.type()).isEqualTo("consulta");
        assertThat(a.notes()).isNull();
        assertThat(a.scheduledAt()).isEqualTo(ClinicEnv.START);
        assertThat(a.confirmedAt()).isNull();
        assertThat(s.appts().get(a.id())).contains(a);
        assertThat(s.appts().listForPatient(s.patient().id())).containsExactly(a);
        Map<String, Integer> after = s.env().counts();
        assertThat(after.get("appointments")).isEqualTo(before.get("appointments") + 1);
        assertThat(after.get("audit_log")).isEqualTo(before.get("audit_log") + 1);
        if (s.env().hasOutbox()) {
            assertThat(after.get("outbox")).isEqualTo(before.get("outbox") + 2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void invalidBookingsAreRefused(Dialect dialect) {
        Setup s = setup(dialect);
        Map<String, Integer> before = s.env().counts();
        assertThatThrownBy(() -> s.book(s.ana(), TEN, 4)).isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> s.book(s.ana(), TEN, 721)).isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> s.appts().book(ACTOR, new Booking(s.patient().id(), s.ana().id(), TEN, 30, " ", null)))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> s.appts().book(ACTOR, new Booking(UUID.randomUUID(), s.ana().id(), TEN, 30, "c", null)))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> s.appts().book(ACTOR, new Booking(s.patient().id(), UUID.randomUUID(), TEN, 30, "c", null)))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(s.env().counts()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bookingForADeletedPatientIsNotFound(Dialect dialect) {
        Setup s = setup(dialect);
        new PatientService(s.env().data()).delete(ACTOR, s.patient().id());
        Map<String, Integer> before = s.env().counts();
        assertThatThrownBy(() -> s.book(s.ana(), TEN, 30))
                .isInstanceOfSatisfying(DomainException.NotFound.class,
                        e -> assertThat(e.key()).isEqualTo("error.patient.not_found"));
        assertThat(s.env().counts()).isEqualTo(before);
    }

    /** Candidate slots against an existing 10:00–10:30 appointment: (start offset, minutes). */
    static Stream<Arguments> overlapping() {
        return Stream.of(Dialect.values()).flatMap(d -> Stream.of(
                Arguments.of(d, "same slot", 0, 30),
                Arguments.of(d, "overlaps the start", -15, 30),
                Arguments.of(d, "overlaps the end", 15, 30),
                Arguments.of(d, "inside", 10, 10),
                Arguments.of(d, "encloses", -30, 120),
                Arguments.of(d, "same start, shorter", 0, 5),
                Arguments.of(d, "one minute into the end", 29, 30)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlapping")
    void overlapIsRefusedNamingThePractitioner(Dialect dialect, String label, int offset, int minutes) {
        Setup s = setup(dialect);
        s.book(s.ana(), TEN, 30);
        Map<String, Integer> before = s.env().counts();
        assertThatThrownBy(() -> s.book(s.ana(), at(offset), minutes))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> {
                    assertThat(e.key()).isEqualTo("error.appointment.overlap");
                    assertThat(e.getMessage()).contains("Dra. Ana Souza").contains("2026-12-01 10:00")
                            .contains("2026-12-01 10:30");
                });
        assertThat(s.env().counts()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void backToBackAndOtherPractitionersAreAllowed(Dialect dialect) {
        Setup s = setup(dialect);
        s.book(s.ana(), TEN, 30);
        s.book(s.ana(), at(30), 30); // starts when the first ends
        s.book(s.ana(), at(-30), 30); // ends when the first starts
        s.book(s.bruno(), TEN, 30); // same time, other practitioner
        assertThat(s.appts().listDay(LocalDate.of(2026, 12, 1), s.ana().id())).hasSize(3)
                .extracting(Appointment::startsAt).containsExactly(at(-30), TEN, at(30));
        assertThat(s.appts().listDay(LocalDate.of(2026, 12, 1), null)).hasSize(4);
        assertThat(s.appts().listDay(LocalDate.of(2026, 12, 1), s.bruno().id())).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void cancelledAndNoShowAppointmentsFreeTheirSlot(Dialect dialect) {
        Setup s = setup(dialect);
        Appointment a = s.book(s.ana(), TEN, 30);
        s.appts().cancel(ACTOR, a.id());
        Appointment b = s.book(s.ana(), TEN, 30);
        s.appts().changeStatus(ACTOR, b.id(), AppointmentStatus.NO_SHOW);
        Appointment c = s.book(s.ana(), at(10), 30);
        assertThat(c.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        // a completed appointment still occupies its time
        Setup t = setup(dialect);
        Appointment d = t.book(t.ana(), TEN, 30);
        for (AppointmentStatus st : List.of(AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE,
                AppointmentStatus.COMPLETED)) {
            t.appts().changeStatus(ACTOR, d.id(), st);
        }
        assertThatThrownBy(() -> t.book(t.ana(), TEN, 30)).isInstanceOf(DomainException.Conflict.class);
    }

    static Stream<Arguments> fromStatuses() {
        return Stream.of(Dialect.values()).flatMap(d -> Stream.of(AppointmentStatus.values()).map(s -> Arguments.of(d, s)));
    }

    /** A path of allowed transitions from scheduled to {@code target} (breadth-first). */
    static List<AppointmentStatus> pathTo(AppointmentStatus target) {
        Map<AppointmentStatus, List<AppointmentStatus>> paths = new java.util.EnumMap<>(AppointmentStatus.class);
        paths.put(AppointmentStatus.SCHEDULED, List.of());
        java.util.ArrayDeque<AppointmentStatus> queue = new java.util.ArrayDeque<>(List.of(AppointmentStatus.SCHEDULED));
        while (!queue.isEmpty()) {
            AppointmentStatus s = queue.poll();
            for (AppointmentStatus n : s.next()) {
                if (!paths.containsKey(n)) {
                    List<AppointmentStatus> p = new ArrayList<>(paths.get(s));
                    p.add(n);
                    paths.put(n, p);
                    queue.add(n);
                }
            }
        }
        return paths.get(target);
    }

    static Instant stamp(Appointment a, AppointmentStatus status) {
        Function<Appointment, Instant> f = switch (status) {
            case SCHEDULED -> Appointment::scheduledAt;
            case CONFIRMED -> Appointment::confirmedAt;
            case CHECKED_IN -> Appointment::checkedInAt;
            case IN_SERVICE -> Appointment::inServiceAt;
            case COMPLETED -> Appointment::completedAt;
            case CANCELLED -> Appointment::cancelledAt;
            case NO_SHOW -> Appointment::noShowAt;
        };
        return f.apply(a);
    }

    /** Table-driven from AppointmentStatus.next(): from one status, every target is tried on its own appointment. */
    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("fromStatuses")
    void statusTransitions(Dialect dialect, AppointmentStatus from) {
        Setup s = setup(dialect);
        int slot = 0;
        for (AppointmentStatus to : AppointmentStatus.values()) {
            boolean allowed = from.next().contains(to);
            Appointment a = s.book(s.ana(), at(60 * slot++), 30);
            for (AppointmentStatus step : pathTo(from)) {
                s.env().clock().advance(Duration.ofMinutes(1));
                a = s.appts().changeStatus(ACTOR, a.id(), step);
                assertThat(stamp(a, step)).isEqualTo(s.env().clock().instant());
            }
            assertThat(a.status()).isEqualTo(from);
            s.env().clock().advance(Duration.ofMinutes(7));
            Instant now = s.env().clock().instant();
            Map<String, Integer> before = s.env().counts();
            UUID id = a.id();
            if (allowed) {
                Appointment after = s.appts().changeStatus(ACTOR, id, to);
                assertThat(after.status()).as("%s -> %s", from, to).isEqualTo(to);
                assertThat(stamp(after, to)).as("%s -> %s stamps its column", from, to).isEqualTo(now);
                assertThat(after.scheduledAt()).isEqualTo(a.scheduledAt());
                assertThat(s.appts().get(id)).contains(after);
                assertThat(s.env().count("audit_log")).isEqualTo(before.get("audit_log") + 1);
            } else {
                assertThatThrownBy(() -> s.appts().changeStatus(ACTOR, id, to)).as("%s -> %s", from, to)
                        .isInstanceOfSatisfying(DomainException.Conflict.class, e -> {
                            assertThat(e.key()).isEqualTo("error.appointment.transition");
                            assertThat(e.getMessage()).contains(from.dbValue()).contains(to.dbValue());
                        });
                assertThat(s.env().counts()).isEqualTo(before);
                assertThat(s.appts().get(id)).contains(a);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void moveToAnotherPractitionerNeedsTheirAgendaFree(Dialect dialect) {
        Setup s = setup(dialect);
        Appointment a = s.book(s.ana(), TEN, 30);
        Appointment busy = s.book(s.bruno(), at(60), 30);

        Map<String, Integer> before = s.env().counts();
        assertThatThrownBy(() -> s.appts().move(ACTOR, a.id(), at(45), null, s.bruno().id()))
                .isInstanceOfSatisfying(DomainException.Conflict.class,
                        e -> assertThat(e.getMessage()).contains("Dr. Bruno Lima"));
        assertThat(s.env().counts()).isEqualTo(before);
        assertThat(s.appts().get(a.id())).contains(a);

        // Ana's own slot at 10:00 is no obstacle for Bruno, who is free then
        Appointment moved = s.appts().move(ACTOR, a.id(), TEN, null, s.bruno().id());
        assertThat(moved.practitionerId()).isEqualTo(s.bruno().id());
        assertThat(moved.startsAt()).isEqualTo(TEN);
        assertThat(s.appts().listDay(TEN.atZone(SP).toLocalDate(), s.ana().id())).isEmpty();
        assertThat(s.appts().listDay(TEN.atZone(SP).toLocalDate(), s.bruno().id()))
                .extracting(Appointment::id).containsExactly(moved.id(), busy.id());
        assertThat(s.env().count("audit_log")).isEqualTo(before.get("audit_log") + 1);
        // Ana is free again at 10:00
        assertThat(s.book(s.ana(), TEN, 30).practitionerId()).isEqualTo(s.ana().id());
        // an unknown practitioner is refused
        assertThatThrownBy(() -> s.appts().move(ACTOR, a.id(), TEN, null, java.util.UUID.randomUUID()))
                .isInstanceOf(DomainException.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void moveRefusesOverlapAndNonMovableStates(Dialect dialect) {
        Setup s = setup(dialect);
        Appointment a = s.book(s.ana(), TEN, 30);
        Appointment b = s.book(s.ana(), at(60), 30);

        // moving onto itself, shifted: it does not conflict with its own old slot
        Appointment moved = s.appts().move(ACTOR, a.id(), at(15), null);
        assertThat(moved.startsAt()).isEqualTo(at(15));
        assertThat(moved.endsAt()).isEqualTo(at(45));
        assertThat(moved.durationMinutes()).isEqualTo(30);
        // into b's slot: refused
        Map<String, Integer> before = s.env().counts();
        assertThatThrownBy(() -> s.appts().move(ACTOR, a.id(), at(50), null))
                .isInstanceOfSatisfying(DomainException.Conflict.class,
                        e -> assertThat(e.getMessage()).contains("Dra. Ana Souza"));
        assertThatThrownBy(() -> s.appts().move(ACTOR, a.id(), at(15), 60))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(s.env().counts()).isEqualTo(before);
        assertThat(s.appts().get(a.id())).contains(moved);
        // back to back with b, with a new duration
        Appointment longer = s.appts().move(ACTOR, a.id(), TEN, 60);
        assertThat(longer.endsAt()).isEqualTo(b.startsAt());

        // confirmed can still move; checked in cannot
        s.appts().changeStatus(ACTOR, b.id(), AppointmentStatus.CONFIRMED);
        assertThat(s.appts().move(ACTOR, b.id(), at(120), null).startsAt()).isEqualTo(at(120));
        s.appts().checkIn(ACTOR, b.id());
        Map<String, Integer> beforeNotMovable = s.env().counts();
        assertThatThrownBy(() -> s.appts().move(ACTOR, b.id(), at(240), null))
                .isInstanceOfSatisfying(DomainException.Conflict.class,
                        e -> assertThat(e.key()).isEqualTo("error.appointment.not_movable"));
        s.appts().cancel(ACTOR, a.id());
        assertThatThrownBy(() -> s.appts().move(ACTOR, a.id(), at(240), null))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(s.env().count("appointments")).isEqualTo(beforeNotMovable.get("appointments"));
        assertThatThrownBy(() -> s.appts().move(ACTOR, UUID.randomUUID(), at(240), null))
                .isInstanceOf(DomainException.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void listDayUsesTheClinicsTimeZone(Dialect dialect) {
        Setup s = setup(dialect);
        LocalDate d = LocalDate.of(2026, 12, 1);
        // 23:30 local on D is 02:30 UTC on D+1; 00:00 local on D is 03:00 UTC on D
        Appointment late = s.book(s.ana(), d.atTime(23, 30).atZone(SP).toInstant(), 20);
        Appointment midnight = s.book(s.ana(), d.atStartOfDay(SP).toInstant(), 15);
        Appointment beforeMidnight = s.book(s.ana(), d.minusDays(1).atTime(23, 45).atZone(SP).toInstant(), 15);
        Appointment nextDay = s.book(s.ana(), d.plusDays(1).atStartOfDay(SP).toInstant(), 15);
        Appointment noon = s.book(s.bruno(), d.atTime(12, 0).atZone(SP).toInstant(), 15);

        assertThat(s.appts().listDay(d, null)).extracting(Appointment::id)
                .containsExactly(midnight.id(), noon.id(), late.id());
        assertThat(s.appts().listDay(d.plusDays(1), null)).extracting(Appointment::id).containsExactly(nextDay.id());
        assertThat(s.appts().listDay(d.minusDays(1), null)).extracting(Appointment::id)
                .containsExactly(beforeMidnight.id());
        assertThat(s.appts().listDay(d, s.bruno().id())).extracting(Appointment::id).containsExactly(noon.id());
        // the same data read with a UTC agenda splits the days differently
        AppointmentService utc = new AppointmentService(s.env().data(), ZoneId.of("UTC"));
        assertThat(utc.listDay(d.plusDays(1), null)).extracting(Appointment::id)
                .containsExactly(late.id(), nextDay.id());
        // a deleted appointment is not listed
        s.env().data().write(ACTOR, tx -> {
            tx.delete(Schema.APPOINTMENTS, noon.id());
            return null;
        });
        assertThat(s.appts().listDay(d, null)).extracting(Appointment::id).containsExactly(midnight.id(), late.id());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void subMinuteTimesCompareCorrectly(Dialect dialect) {
        // whole-minute starts (stored without fractions) against instants with fractions of a second
        Setup s = setup(dialect);
        Appointment a = s.book(s.ana(), TEN, 30);
        assertThatThrownBy(() -> s.book(s.ana(), at(29).plusMillis(999), 30))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(s.book(s.ana(), at(30).plusMillis(500), 30).startsAt()).isEqualTo(at(30));
        assertThat(a.endsAt()).isEqualTo(at(30));
    }
}
