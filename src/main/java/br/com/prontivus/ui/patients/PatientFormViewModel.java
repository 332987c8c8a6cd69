package br.com.prontivus.ui.patients;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.Cpf;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.Formats;
import br.com.prontivus.ui.I18n;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Registration and editing of a patient. Format problems show under their field as they are typed
 * (a complete CPF with wrong check digits, an impossible date); required fields on save; then the
 * duplicate check asks for confirmation before a possible duplicate is written.
 */
public final class PatientFormViewModel {

    /** What saving answered. */
    private sealed interface Outcome {
        record Saved(Patient patient) implements Outcome {
        }

        record Duplicates(List<Patient> candidates) implements Outcome {
        }
    }

    public static final List<String> FIELDS = List.of("full_name", "social_name", "cpf", "birth_date", "sex",
            "phone", "email", "address", "notes");

    private final PatientService patients;
    private final Background background;
    private final I18n i18n;
    private final Supplier<Actor> actor;
    private final Supplier<LocalDate> today;
    private final Consumer<Patient> onSaved;
    private final Runnable written;

    private final ObjectProperty<UUID> editing = new SimpleObjectProperty<>(this, "editing");
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private final ObservableList<Patient> duplicates = FXCollections.observableArrayList();
    private final BooleanProperty duplicatesAcknowledged = new SimpleBooleanProperty(this, "duplicatesAcknowledged");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    public PatientFormViewModel(PatientService patients, Background background, I18n i18n, Supplier<Actor> actor,
                                Supplier<LocalDate> today, Consumer<Patient> onSaved,
                                Runnable written) {
        this.patients = patients;
        this.background = background;
        this.i18n = i18n;
        this.actor = actor;
        this.today = today;
        this.onSaved = onSaved;
        this.written = written;
        for (String field : FIELDS) {
            values.put(field, new SimpleStringProperty(this, field, ""));
            errors.put(field, new SimpleStringProperty(this, field + "Error", ""));
        }
        value("cpf").addListener((obs, o, text) -> checkCpfWhileTyping(text));
        value("birth_date").addListener((obs, o, text) -> checkDateWhileTyping(text));
        for (String field : List.of("full_name", "cpf", "birth_date")) {
            value(field).addListener((obs, o, n) -> {
                duplicates.clear();
                duplicatesAcknowledged.set(false);
            });
        }
        for (String field : FIELDS) {
            if (!field.equals("cpf") && !field.equals("birth_date")) {
                value(field).addListener((obs, o, n) -> error(field).set(""));
            }
        }
    }

    public void startNew() {
        editing.set(null);
        fill(new PatientDraft(null, null, null, null, null, null, null, null, null));
    }

    public void edit(Patient patient) {
        editing.set(patient.id());
        fill(patient.toDraft());
    }

    private void fill(PatientDraft d) {
        value("full_name").set(nz(d.fullName()));
        value("social_name").set(nz(d.socialName()));
        value("cpf").set(d.cpf() == null ? "" : Formats.maskCpf(d.cpf()));
        value("birth_date").set(i18n.inputDate(d.birthDate()));
        value("sex").set(nz(d.sex()));
        value("phone").set(d.phone() == null ? "" : Formats.phone(d.phone()));
        value("email").set(nz(d.email()));
        value("address").set(nz(d.address()));
        value("notes").set(nz(d.notes()));
        errors.values().forEach(e -> e.set(""));
        duplicates.clear();
        duplicatesAcknowledged.set(false);
        message.set("");
    }

    private void checkCpfWhileTyping(String text) {
        String digits = Formats.onlyDigits(text);
        if (digits.length() == 11 && !Cpf.isValid(digits)) {
            error("cpf").set(i18n.t("error.cpf.invalid", Formats.maskCpf(digits)));
        } else {
            error("cpf").set("");
        }
    }

    private void checkDateWhileTyping(String text) {
        String digits = Formats.onlyDigits(text);
        error("birth_date").set("");
        if (digits.length() == 8) {
            checkDate(text);
        }
    }

    private Optional<LocalDate> checkDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<LocalDate> date = i18n.parseInputDate(text);
        if (date.isEmpty()) {
            error("birth_date").set(i18n.t("ui.validation.date", i18n.inputDatePattern()));
        } else if (date.get().isAfter(today.get())) {
            error("birth_date").set(i18n.t("error.birth_date.future", i18n.date(date.get())));
        }
        return date;
    }

    /** Checks everything that needs no database; true when the draft may be sent. */
    public Optional<PatientDraft> validate() {
        message.set("");
        String cpfText = value("cpf").get();
        String cpfDigits = Formats.onlyDigits(cpfText);
        if (!cpfDigits.isEmpty() && cpfDigits.length() != 11) {
            error("cpf").set(i18n.t("error.cpf.format", cpfText));
        } else {
            checkCpfWhileTyping(cpfText);
        }
        error("birth_date").set("");
        Optional<LocalDate> birth = checkDate(value("birth_date").get());
        if (value("full_name").get().isBlank()) {
            error("full_name").set(i18n.t("ui.validation.required"));
        }
        if (errors.values().stream().anyMatch(e -> !e.get().isEmpty())) {
            return Optional.empty();
        }
        PatientDraft draft = new PatientDraft(value("full_name").get(), value("social_name").get(), cpfDigits,
                birth.orElse(null), value("sex").get(), value("phone").get(), value("email").get(),
                value("address").get(), value("notes").get());
        try {
            draft.normalized(today.get());
            return Optional.of(draft);
        } catch (DomainException.InvalidInput invalid) {
            showInvalid(invalid);
            return Optional.empty();
        }
    }

    public void save() {
        if (busy.get()) {
            return;
        }
        Optional<PatientDraft> valid = validate();
        if (valid.isEmpty()) {
            message.set(i18n.t("ui.patient.fix_errors"));
            return;
        }
        PatientDraft draft = valid.get();
        UUID id = editing.get();
        boolean acknowledged = duplicatesAcknowledged.get();
        busy.set(true);
        background.run(() -> {
            if (!acknowledged) {
                List<Patient> candidates = patients.possibleDuplicates(draft, id);
                if (!candidates.isEmpty()) {
                    return (Outcome) new Outcome.Duplicates(candidates);
                }
            }
            Patient saved = id == null ? patients.register(actor.get(), draft) : patients.update(actor.get(), id, draft);
            return new Outcome.Saved(saved);
        }, outcome -> {
            busy.set(false);
            switch (outcome) {
                case Outcome.Duplicates d -> {
                    duplicates.setAll(d.candidates());
                    duplicatesAcknowledged.set(true);
                    message.set(i18n.t("ui.patient.duplicates_confirm"));
                }
                case Outcome.Saved s -> {
                    duplicates.clear();
                    duplicatesAcknowledged.set(false);
                    editing.set(s.patient().id());
                    message.set(i18n.t("ui.patient.saved", s.patient().fullName()));
                    written.run();
                    onSaved.accept(s.patient());
                }
            }
        }, failure -> {
            busy.set(false);
            if (failure instanceof DomainException.InvalidInput invalid) {
                showInvalid(invalid);
                message.set(i18n.t("ui.patient.fix_errors"));
            } else if (failure instanceof DomainException.Conflict conflict && conflict.key().startsWith("error.cpf")) {
                error("cpf").set(i18n.error(conflict));
                message.set(i18n.t("ui.patient.fix_errors"));
            } else {
                message.set(i18n.error(failure));
            }
        });
    }

    private void showInvalid(DomainException.InvalidInput invalid) {
        String text = "error.required".equals(invalid.key()) ? i18n.t("ui.validation.required")
                : invalid.localized(i18n.locale());
        StringProperty target = errors.get(invalid.field());
        if (target != null) {
            target.set(text);
        } else {
            message.set(text);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public StringProperty value(String field) {
        return values.get(field);
    }

    public StringProperty error(String field) {
        return errors.get(field);
    }

    public ObjectProperty<UUID> editingProperty() { return editing; }
    public ObservableList<Patient> duplicates() { return duplicates; }
    public BooleanProperty duplicatesAcknowledgedProperty() { return duplicatesAcknowledged; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }
}
