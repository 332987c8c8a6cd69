package br.com.prontivus.ui.schedule;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.patients.PatientSearchViewModel;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The day view: one column per practitioner, the day's appointments, and the side panel's state
 * (booking a chosen free slot, or moving / cancelling a chosen appointment).
 */
public final class ScheduleViewModel {

    public static final int FIRST_HOUR = 7;
    public static final int LAST_HOUR = 19;
    public static final int SLOT_MINUTES = 30;
    public static final List<Integer> DURATIONS = List.of(15, 20, 30, 45, 60, 90);

    /** A free place in the grid: a practitioner at a time of the shown day. */
    public record Slot(Practitioner practitioner, LocalTime time) {
    }

    /** An appointment with the names the block shows. */
    public record Entry(Appointment appointment, String patientName) {
    }

    public enum Mode { NONE, BOOK, APPOINTMENT }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm");

    private final ClinicServices services;
    private final DeskContext ctx;
    private final I18n i18n;
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>(this, "day");
    private final ObservableList<Practitioner> practitioners = FXCollections.observableArrayList();
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.NONE);
    private final ObjectProperty<Slot> slot = new SimpleObjectProperty<>(this, "slot");
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty startTime = new SimpleStringProperty(this, "startTime", "");
    private final IntegerProperty duration = new SimpleIntegerProperty(this, "duration", SLOT_MINUTES);
    private final StringProperty type = new SimpleStringProperty(this, "type", "");
    private final ObjectProperty<Patient> patient = new SimpleObjectProperty<>(this, "patient");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(this, "messageIsError");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final PatientSearchViewModel patientSearch;
    private long sequence;

    public ScheduleViewModel(DeskContext ctx) {
        this.ctx = ctx;
        this.services = ctx.services();
        this.i18n = ctx.i18n();
        this.patientSearch = new PatientSearchViewModel(services.patients(), ctx.background(), i18n,
                ctx.options().searchDebounce());
        patientSearch.selectedProperty().addListener((obs, o, p) -> {
            if (p != null) {
                patient.set(p);
            }
        });
        type.set(i18n.t("ui.booking.default_type"));
        day.set(ctx.today());
        day.addListener((obs, o, d) -> {
            clearSelection();
            reload();
        });
    }

    public void reload() {
        LocalDate shown = day.get();
        long mine = ++sequence;
        loading.set(true);
        record Loaded(List<Practitioner> practitioners, List<Entry> entries) {
        }
        ctx.background().run(() -> {
            List<Practitioner> active = services.practitioners().list().stream().filter(Practitioner::active).toList();
            List<Appointment> appointments = services.appointments().listDay(shown, null);
            Map<UUID, String> names = new HashMap<>();
            for (Appointment a : appointments) {
                names.computeIfAbsent(a.patientId(), id -> services.patients().get(id)
                        .map(Patient::displayName).orElse("?"));
            }
            return new Loaded(active, appointments.stream()
                    .map(a -> new Entry(a, names.get(a.patientId()))).toList());
        }, loaded -> {
            if (mine != sequence) {
                return;
            }
            loading.set(false);
            if (!practitioners.equals(loaded.practitioners())) {
                practitioners.setAll(loaded.practitioners());
            }
            entries.setAll(loaded.entries());
            Entry current = selected.get();
            if (current != null) {
                selected.set(loaded.entries().stream()
                        .filter(e -> e.appointment().id().equals(current.appointment().id()))
                        .findFirst().orElse(null));
                if (selected.get() == null) {
                    mode.set(Mode.NONE);
                }
            }
        }, failure -> {
            loading.set(false);
            fail(failure);
        });
    }

    public void chooseSlot(Practitioner practitioner, LocalTime time) {
        slot.set(new Slot(practitioner, time));
        selected.set(null);
        startTime.set(HH_MM.format(time));
        duration.set(SLOT_MINUTES);
        message.set("");
        mode.set(Mode.BOOK);
    }

    public void chooseAppointment(Entry entry) {
        selected.set(entry);
        slot.set(null);
        startTime.set(HH_MM.format(entry.appointment().startsAt().atZone(ctx.zone())));
        duration.set(entry.appointment().durationMinutes());
        message.set("");
        mode.set(Mode.APPOINTMENT);
    }

    /** Pre-selects a patient for the next booking (from the patient's detail). */
    public void preselect(Patient p) {
        patient.set(p);
        patientSearch.queryProperty().set(p.fullName());
    }

    public void clearSelection() {
        slot.set(null);
        selected.set(null);
        message.set("");
        mode.set(Mode.NONE);
    }

    public void book() {
        Slot target = slot.get();
        if (target == null || busy.get()) {
            return;
        }
        if (patient.get() == null) {
            error(i18n.t("ui.booking.choose_patient"));
            return;
        }
        Optional<LocalTime> time = parseTime(startTime.get());
        if (time.isEmpty()) {
            error(i18n.t("ui.booking.bad_time", startTime.get()));
            return;
        }
        var booking = new AppointmentService.Booking(patient.get().id(), target.practitioner().id(),
                at(time.get()).toInstant(), duration.get(), type.get(), null);
        String patientName = patient.get().displayName();
        run(() -> services.appointments().book(ctx.session().actor(), booking), booked -> {
            ok(i18n.t("ui.booking.booked", patientName, i18n.time(booked.startsAt().atZone(ctx.zone())),
                    target.practitioner().fullName()));
            slot.set(null);
            mode.set(Mode.NONE);
            patient.set(null);
            patientSearch.queryProperty().set("");
        });
    }

    /** Moves the selected appointment to the time in the start field (keyboard) or a dropped slot (mouse). */
    public void move() {
        Optional<LocalTime> time = parseTime(startTime.get());
        if (time.isEmpty()) {
            error(i18n.t("ui.booking.bad_time", startTime.get()));
            return;
        }
        moveTo(selected.get(), time.get());
    }

    public void moveTo(Entry entry, LocalTime time) {
        moveTo(entry, time, null);
    }

    /** Moves to {@code time} in the column of {@code practitioner} (a drop; null: the same column). */
    public void moveTo(Entry entry, LocalTime time, Practitioner practitioner) {
        if (entry == null || busy.get()) {
            return;
        }
        UUID id = entry.appointment().id();
        int minutes = duration.get() > 0 && entry == selected.get() ? duration.get()
                : entry.appointment().durationMinutes();
        UUID to = practitioner == null ? null : practitioner.id();
        boolean otherColumn = to != null && !to.equals(entry.appointment().practitionerId());
        run(() -> services.appointments().move(ctx.session().actor(), id, at(time).toInstant(), minutes, to),
                moved -> ok(otherColumn
                        ? i18n.t("ui.booking.moved_to", entry.patientName(), i18n.time(moved.startsAt().atZone(ctx.zone())),
                                practitioner.fullName())
                        : i18n.t("ui.booking.moved", entry.patientName(), i18n.time(moved.startsAt().atZone(ctx.zone())))));
    }

    public void cancelAppointment() {
        Entry entry = selected.get();
        if (entry == null || busy.get()) {
            return;
        }
        run(() -> services.appointments().cancel(ctx.session().actor(), entry.appointment().id()),
                cancelled -> ok(i18n.t("ui.booking.cancelled", entry.patientName())));
    }

    private <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        busy.set(true);
        ctx.background().run(work, result -> {
            busy.set(false);
            ctx.changes().written();
            done.accept(result);
            reload();
        }, failure -> {
            busy.set(false);
            fail(failure);
        });
    }

    private ZonedDateTime at(LocalTime time) {
        return day.get().atTime(time).atZone(ctx.zone());
    }

    static Optional<LocalTime> parseTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().replace('h', ':').replace('.', ':');
        if (t.matches("\\d{1,2}")) {
            t = t + ":00";
        } else if (t.matches("\\d{3,4}")) {
            t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
        }
        try {
            return Optional.of(LocalTime.parse(t, HH_MM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void ok(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    private void fail(Throwable failure) {
        error(i18n.error(failure));
    }

    public void previousDay() { day.set(day.get().minusDays(1)); }
    public void nextDay() { day.set(day.get().plusDays(1)); }
    public void previousWeek() { day.set(day.get().minusWeeks(1)); }
    public void nextWeek() { day.set(day.get().plusWeeks(1)); }
    public void today() { day.set(ctx.today()); }

    public ObjectProperty<LocalDate> dayProperty() { return day; }
    public ObservableList<Practitioner> practitioners() { return practitioners; }
    public ObservableList<Entry> entries() { return entries; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<Slot> slotProperty() { return slot; }
    public ObjectProperty<Entry> selectedProperty() { return selected; }
    public StringProperty startTimeProperty() { return startTime; }
    public IntegerProperty durationProperty() { return duration; }
    public StringProperty typeProperty() { return type; }
    public ObjectProperty<Patient> patientProperty() { return patient; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty loadingProperty() { return loading; }
    public PatientSearchViewModel patientSearch() { return patientSearch; }
    public Supplier<LocalDate> todaySupplier() { return ctx::today; }
}
