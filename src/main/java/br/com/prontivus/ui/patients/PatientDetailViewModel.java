package br.com.prontivus.ui.patients;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.Formats;
import br.com.prontivus.ui.I18n;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One patient with the upcoming appointments (soonest first) and the past ones (latest first). */
public final class PatientDetailViewModel {

    private final ClinicServices services;
    private final Background background;
    private final I18n i18n;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectProperty<Patient> patient = new SimpleObjectProperty<>(this, "patient");
    private final ObservableList<String> upcoming = FXCollections.observableArrayList();
    private final ObservableList<String> past = FXCollections.observableArrayList();
    private long sequence;

    public PatientDetailViewModel(ClinicServices services, Background background, I18n i18n, Clock clock, ZoneId zone) {
        this.services = services;
        this.background = background;
        this.i18n = i18n;
        this.clock = clock;
        this.zone = zone;
        patient.addListener((obs, o, p) -> reload());
    }

    public void reload() {
        Patient p = patient.get();
        upcoming.clear();
        past.clear();
        if (p == null) {
            return;
        }
        long mine = ++sequence;
        record Loaded(List<Appointment> appointments, Map<UUID, Practitioner> practitioners) {
        }
        background.run(() -> new Loaded(services.appointments().listForPatient(p.id()),
                        services.practitioners().list().stream()
                                .collect(Collectors.toMap(Practitioner::id, Function.identity()))),
                loaded -> {
                    if (mine != sequence) {
                        return;
                    }
                    Instant now = clock.instant();
                    upcoming.setAll(loaded.appointments().stream().filter(a -> !a.startsAt().isBefore(now))
                            .sorted(Comparator.comparing(Appointment::startsAt))
                            .map(a -> line(a, loaded.practitioners())).toList());
                    past.setAll(loaded.appointments().stream().filter(a -> a.startsAt().isBefore(now))
                            .sorted(Comparator.comparing(Appointment::startsAt).reversed())
                            .map(a -> line(a, loaded.practitioners())).toList());
                }, failure -> upcoming.setAll(i18n.error(failure)));
    }

    private String line(Appointment a, Map<UUID, Practitioner> practitioners) {
        Practitioner pr = practitioners.get(a.practitionerId());
        return i18n.t("ui.patient.appointment_line", i18n.dateTime(a.startsAt().atZone(zone)),
                pr == null ? "?" : pr.fullName(), a.type(), Formats.status(i18n, a.status()));
    }

    public ObjectProperty<Patient> patientProperty() { return patient; }
    public ObservableList<String> upcoming() { return upcoming; }
    public ObservableList<String> past() { return past; }
}
