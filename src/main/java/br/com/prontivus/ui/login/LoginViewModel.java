package br.com.prontivus.ui.login;

import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.I18n;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Login against the local password hashes (works with the network down). After three failures
 * every further attempt waits longer; the wait is shown as a countdown.
 */
public final class LoginViewModel {

    /** Checks a login and password; runs on a worker thread. */
    @FunctionalInterface
    public interface Authenticator {
        StaffUser authenticate(String login, char[] password);
    }

    private final I18n i18n;
    private final Background background;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final Consumer<StaffUser> onLoggedIn;

    private final StringProperty login = new SimpleStringProperty(this, "login", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(this, "locked");
    private final BooleanProperty error = new SimpleBooleanProperty(this, "error");
    private final BooleanBinding canSubmit;
    private long lockedUntilNanos;
    private Timeline countdown;
    private String lastFailure = "";

    public LoginViewModel(I18n i18n, Background background, Authenticator authenticator, LoginThrottle throttle,
                          Consumer<StaffUser> onLoggedIn) {
        this.i18n = i18n;
        this.background = background;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.onLoggedIn = onLoggedIn;
        this.canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && !locked.get() && !login.get().isBlank() && !password.get().isEmpty(),
                busy, locked, login, password);
    }

    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        busy.set(true);
        error.set(false);
        message.set(i18n.t("ui.login.checking"));
        String who = login.get();
        char[] secret = password.get().toCharArray();
        background.run(() -> {
            try {
                return authenticator.authenticate(who, secret);
            } finally {
                StaffService.wipe(secret);
            }
        }, user -> {
            busy.set(false);
            throttle.recordSuccess();
            password.set("");
            message.set("");
            onLoggedIn.accept(user);
        }, failure -> {
            busy.set(false);
            password.set("");
            error.set(true);
            lastFailure = i18n.error(failure);
            Duration wait = throttle.recordFailure();
            if (wait.isZero()) {
                message.set(lastFailure);
            } else {
                lock(wait);
            }
        });
    }

    private void lock(Duration wait) {
        lockedUntilNanos = System.nanoTime() + wait.toNanos();
        locked.set(true);
        updateCountdown();
        if (countdown != null) {
            countdown.stop();
        }
        countdown = new Timeline(new KeyFrame(javafx.util.Duration.millis(200), e -> updateCountdown()));
        countdown.setCycleCount(Timeline.INDEFINITE);
        countdown.play();
    }

    private void updateCountdown() {
        long left = lockedUntilNanos - System.nanoTime();
        if (left <= 0) {
            locked.set(false);
            if (countdown != null) {
                countdown.stop();
            }
            message.set(lastFailure);
            return;
        }
        long seconds = (left + 999_999_999L) / 1_000_000_000L;
        message.set(lastFailure + " " + i18n.t("ui.login.wait", seconds));
    }

    public int failures() {
        return throttle.failures();
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }
}
