package br.com.prontivus.ui.queue;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.I18n;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Today's reception queue, grouped by where the patient is: expected, waiting (checked in), in
 * service, done. Waiting times run from {@link #nowProperty()}, which the view ticks.
 */
public final class QueueViewModel {

    /** An expected patient is late this long after the start time. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(10);
    /** A checked-in patient waiting longer than this is overdue. */
    public static final Duration OVERDUE_AFTER = Duration.ofMinutes(30);

    public enum Group { EXPECTED, WAITING, IN_SERVICE, DONE }

    /** Attention a row needs. */
    public enum Alert { NONE, LATE, OVERDUE }

    /** One row: the appointment with the names it shows. */
    public record Entry(Appointment appointment, String patientName, String practitionerName) {
        public Group group() {
            return switch (appointment.status()) {
                case SCHEDULED, CONFIRMED -> Group.EXPECTED;
                case CHECKED_IN -> Group.WAITING;
                case IN_SERVICE -> Group.IN_SERVICE;
                case COMPLETED, CANCELLED, NO_SHOW -> Group.DONE;
            };
        }
    }

    private final DeskContext ctx;
    private final ClinicServices services;
    private final I18n i18n;
    private final Map<Group, ObservableList<Entry>> groups = new HashMap<>();
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(this, "now");
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>(this, "day");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(this, "messageIsError");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private long sequence;

    public QueueViewModel(DeskContext ctx) {
        this.ctx = ctx;
        this.services = ctx.services();
        this.i18n = ctx.i18n();
        for (Group g : Group.values()) {
            groups.put(g, FXCollections.observableArrayList());
        }
        tick();
    }

    /** Re-reads the clock (called every second by the view). */
    public void tick() {
        now.set(ctx.clock().instant());
        LocalDate today = ctx.today();
        if (day.get() != null && !day.get().equals(today)) {
            reload(); // midnight passed: a new day's queue
        }
        day.set(today);
    }

    public void reload() {
        long mine = ++sequence;
        LocalDate today = ctx.today();
        ctx.background().run(() -> {
            List<Appointment> appointments = services.appointments().listDay(today, null);
            Map<UUID, String> practitioners = new HashMap<>();
            for (Practitioner p : services.practitioners().list()) {
                practitioners.put(p.id(), p.fullName());
            }
            Map<UUID, String> patients = new HashMap<>();
            for (Appointment a : appointments) {
                patients.computeIfAbsent(a.patientId(), id -> services.patients().get(id)
                        .map(Patient::displayName).orElse("?"));
            }
            return appointments.stream().map(a -> new Entry(a, patients.get(a.patientId()),
                    practitioners.getOrDefault(a.practitionerId(), "?"))).toList();
        }, entries -> {
            if (mine != sequence) {
                return;
            }
            for (Group g : Group.values()) {
                Comparator<Entry> order = g == Group.WAITING
                        ? Comparator.comparing((Entry e) -> e.appointment().checkedInAt())
                        : Comparator.comparing((Entry e) -> e.appointment().startsAt());
                groups.get(g).setAll(entries.stream().filter(e -> e.group() == g).sorted(order).toList());
            }
            tick();
        }, failure -> error(i18n.error(failure)));
    }

    public ObservableList<Entry> group(Group g) {
        return groups.get(g);
    }

    /** Enter: the natural next step of the row (check in, start service, complete). */
    public void advance(Entry entry) {
        if (entry == null) {
            return;
        }
        switch (entry.group()) {
            case EXPECTED -> change(entry, AppointmentStatus.CHECKED_IN);
            case WAITING -> change(entry, AppointmentStatus.IN_SERVICE);
            case IN_SERVICE -> change(entry, AppointmentStatus.COMPLETED);
            case DONE -> { }
        }
    }

    public void checkIn(Entry entry) {
        change(entry, AppointmentStatus.CHECKED_IN);
    }

    public void startService(Entry entry) {
        change(entry, AppointmentStatus.IN_SERVICE);
    }

    public void complete(Entry entry) {
        change(entry, AppointmentStatus.COMPLETED);
    }

    public void noShow(Entry entry) {
        change(entry, AppointmentStatus.NO_SHOW);
    }

    private void change(Entry entry, AppointmentStatus target) {
        if (entry == null || busy.get()) {
            return;
        }
        if (!entry.appointment().status().canBecome(target)) {
            error(i18n.t("error.appointment.transition", i18n.t("ui.appt_status." + entry.appointment().status().dbValue()),
                    i18n.t("ui.appt_status." + target.dbValue())));
            return;
        }
        busy.set(true);
        ctx.background().run(() -> services.appointments().changeStatus(ctx.session().actor(),
                entry.appointment().id(), target), changed -> {
                    busy.set(false);
                    ctx.changes().written();
                    messageIsError.set(false);
                    message.set(i18n.t("ui.queue.changed", entry.patientName(),
                            i18n.t("ui.appt_status." + target.dbValue())));
                    reload();
                }, failure -> {
                    busy.set(false);
                    error(i18n.error(failure));
                });
    }

    /** What the row says about time: waiting for 12 min, late by 15 min, in service for 20 min. */
    public String timing(Entry entry) {
        Appointment a = entry.appointment();
        Instant t = now.get();
        return switch (entry.group()) {
            case EXPECTED -> {
                Duration late = Duration.between(a.startsAt(), t);
                yield late.compareTo(LATE_AFTER) >= 0 ? i18n.t("ui.queue.late_by", minutes(late))
                        : i18n.t("ui.queue.expected_at", i18n.time(a.startsAt().atZone(ctx.zone())));
            }
            case WAITING -> i18n.t("ui.queue.waiting_for", minutes(Duration.between(a.checkedInAt(), t)));
            case IN_SERVICE -> i18n.t("ui.queue.in_service_for", minutes(Duration.between(a.inServiceAt(), t)));
            case DONE -> i18n.t("ui.appt_status." + a.status().dbValue());
        };
    }

    public Alert alert(Entry entry) {
        Appointment a = entry.appointment();
        Instant t = now.get();
        return switch (entry.group()) {
            case EXPECTED -> Duration.between(a.startsAt(), t).compareTo(LATE_AFTER) >= 0 ? Alert.LATE : Alert.NONE;
            case WAITING -> Duration.between(a.checkedInAt(), t).compareTo(OVERDUE_AFTER) >= 0 ? Alert.OVERDUE
                    : Duration.between(a.startsAt(), t).compareTo(LATE_AFTER) >= 0 ? Alert.LATE : Alert.NONE;
            case IN_SERVICE -> t.isAfter(a.endsAt().plus(LATE_AFTER)) ? Alert.LATE : Alert.NONE;
            case DONE -> Alert.NONE;
        };
    }

    private static long minutes(Duration d) {
        return Math.max(0, d.toMinutes());
    }

    public Optional<Entry> find(Predicate<Entry> p) {
        return groups.values().stream().flatMap(List::stream).filter(p).findFirst();
    }

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    public ObjectProperty<Instant> nowProperty() { return now; }
    public ObjectProperty<LocalDate> dayProperty() { return day; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public BooleanProperty busyProperty() { return busy; }
}
