package br.com.prontivus.ui.login;

import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.I18n;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** First run: the clinic and its first administrator, created in one go on a worker thread. */
public final class FirstRunViewModel {

    /** Creates the clinic; runs on a worker thread. */
    @FunctionalInterface
    public interface Initializer {
        void init(String clinicName, String login, String fullName, char[] password);
    }

    private final I18n i18n;
    private final Background background;
    private final Initializer initializer;
    private final Runnable onCreated;

    private final StringProperty clinicName = new SimpleStringProperty(this, "clinicName", "");
    private final StringProperty login = new SimpleStringProperty(this, "login", "");
    private final StringProperty fullName = new SimpleStringProperty(this, "fullName", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty confirm = new SimpleStringProperty(this, "confirm", "");
    private final StringProperty clinicNameError = new SimpleStringProperty(this, "clinicNameError", "");
    private final StringProperty loginError = new SimpleStringProperty(this, "loginError", "");
    private final StringProperty fullNameError = new SimpleStringProperty(this, "fullNameError", "");
    private final StringProperty passwordError = new SimpleStringProperty(this, "passwordError", "");
    private final StringProperty confirmError = new SimpleStringProperty(this, "confirmError", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    public FirstRunViewModel(I18n i18n, Background background, Initializer initializer, Runnable onCreated) {
        this.i18n = i18n;
        this.background = background;
        this.initializer = initializer;
        this.onCreated = onCreated;
    }

    /** Local checks first (no round trip for a typo), then the service's own rules. */
    public boolean validate() {
        String required = i18n.t("ui.validation.required");
        clinicNameError.set(clinicName.get().isBlank() ? required : "");
        fullNameError.set(fullName.get().isBlank() ? required : "");
        String normalizedLogin = login.get().strip().toLowerCase(Locale.ROOT);
        if (normalizedLogin.isEmpty()) {
            loginError.set(required);
        } else if (!normalizedLogin.matches("[a-z0-9._-]{3,32}")) {
            loginError.set(i18n.t("error.user.login_format", login.get()));
        } else {
            loginError.set("");
        }
        passwordError.set(password.get().length() < StaffService.MIN_PASSWORD || password.get().isBlank()
                ? i18n.t("error.password.weak") : "");
        confirmError.set(!password.get().equals(confirm.get()) ? i18n.t("ui.firstrun.mismatch") : "");
        return clinicNameError.get().isEmpty() && fullNameError.get().isEmpty() && loginError.get().isEmpty()
                && passwordError.get().isEmpty() && confirmError.get().isEmpty();
    }

    public void submit() {
        if (busy.get() || !validate()) {
            return;
        }
        busy.set(true);
        message.set(i18n.t("ui.firstrun.creating"));
        char[] secret = password.get().toCharArray();
        String name = clinicName.get().strip();
        String who = login.get().strip();
        String full = fullName.get().strip();
        background.run(() -> {
            try {
                initializer.init(name, who, full, secret);
                return Boolean.TRUE;
            } finally {
                StaffService.wipe(secret);
            }
        }, ok -> {
            busy.set(false);
            password.set("");
            confirm.set("");
            message.set("");
            onCreated.run();
        }, failure -> {
            busy.set(false);
            String text = i18n.error(failure);
            if (failure instanceof DomainException.InvalidInput invalid) {
                switch (invalid.field()) {
                    case "login" -> loginError.set(text);
                    case "password" -> passwordError.set(text);
                    case "full_name", "name" -> fullNameError.set(text);
                    case "clinic" -> clinicNameError.set(text);
                    default -> message.set(text);
                }
                message.set("");
            } else {
                message.set(text);
            }
        });
    }

    public StringProperty clinicNameProperty() { return clinicName; }
    public StringProperty loginProperty() { return login; }
    public StringProperty fullNameProperty() { return fullName; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty confirmProperty() { return confirm; }
    public StringProperty clinicNameErrorProperty() { return clinicNameError; }
    public StringProperty loginErrorProperty() { return loginError; }
    public StringProperty fullNameErrorProperty() { return fullNameError; }
    public StringProperty passwordErrorProperty() { return passwordError; }
    public StringProperty confirmErrorProperty() { return confirmError; }
    public StringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
}
