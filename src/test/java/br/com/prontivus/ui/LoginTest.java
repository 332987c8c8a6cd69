package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class LoginTest extends DesktopTestSupport {

    @Test
    void firstRunCreatesTheClinicThenStaffLogIn() throws Exception {
        open(Locale.ENGLISH, false);
        clickOn("#clinicNameField").write("Clínica Boa Saúde");
        clickOn("#adminNameField").write("Maria Oliveira");
        clickOn("#adminLoginField").write("maria");
        clickOn("#adminPasswordField").write(PASSWORD);
        clickOn("#adminConfirmField").write("segredo12");
        clickOn("#createClinicButton");
        assertThat(text("#adminConfirmFieldError")).isEqualTo("The passwords do not match");
        assertThat(app.identity()).isEmpty();

        clickOn("#adminConfirmField").write("3");
        clickOn("#createClinicButton");
        waitFor(() -> lookup("#loginView").tryQuery().isPresent());
        assertThat(text("#loginClinicName")).isEqualTo("Clínica Boa Saúde");

        loginAsMaria();
        assertThat(text("#headerClinic")).isEqualTo("Clínica Boa Saúde");
        assertThat(text("#headerUser")).isEqualTo("Maria Oliveira (administrator)");
        waitFor(() -> text("#statusLink").equals("Offline"));
        assertThat(text("#statusMode")).isEqualTo("Mode: offline (local only)");
        assertThat(text("#statusLastSync")).isEqualTo("Last sync: never");
        assertThat(text("#statusConflicts")).isEqualTo("Open conflicts: 0");
        assertThat(lookup("#syncNowButton").queryButton().isDisabled()).isTrue();
        // init wrote the clinic, the device, the admin: they wait in the outbox
        waitFor(() -> !text("#statusPending").equals("Pending changes: 0"));
    }

    @Test
    void wrongPasswordIsRefusedClearlyAndRepeatedFailuresSlowDown() throws Exception {
        open(Locale.ENGLISH, true);
        for (int i = 1; i <= 3; i++) {
            login(i == 1 ? "maria" : "", "wrong-password");
            settle();
            if (i < 3) {
                assertThat(text("#loginMessage")).isEqualTo("Wrong login or password");
            }
        }
        // After the third failure the next attempt must wait, with a countdown.
        assertThat(text("#loginMessage")).startsWith("Wrong login or password").contains("try again in");
        assertThat(lookup("#loginButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(lookup("#mainView").tryQuery()).isEmpty();

        // Once the delay is over, the right password gets in.
        waitFor(() -> !lookup("#loginButton").queryAs(Button.class).isDisabled()
                || lookup("#passwordField").queryTextInputControl().getText().isEmpty());
        clickOn("#passwordField").write(PASSWORD);
        waitFor(() -> !lookup("#loginButton").queryAs(Button.class).isDisabled());
        type(KeyCode.ENTER);
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
    }

    @Test
    void brazilianLocaleGetsPortuguese() throws Exception {
        open(Locale.forLanguageTag("pt-BR"), true);
        assertThat(lookup("#loginButton").queryButton().getText()).isEqualTo("Entrar");
        login("maria", "errada123");
        settle();
        assertThat(text("#loginMessage")).isEqualTo("Login ou senha incorretos");
    }

    @Test
    void theThemeAndWindowSizeChosenAreThereAtTheNextStart() throws Exception {
        open(Locale.ENGLISH, true);
        loginAsMaria();
        clickOn("#themeToggle");
        onFx(() -> {
            stage.setWidth(1100);
            stage.setHeight(720);
            return null;
        });
        settle();
        assertThat(desktop.theme().darkProperty().get()).isTrue();
        double width = onFx(() -> desktop.scene().getWidth());
        onFx(() -> {
            desktop.close();
            return null;
        });
        desktop = null;

        var saved = DesktopPreferences.load(dataDir);
        assertThat(saved.dark()).isTrue();
        assertThat(saved.width()).isEqualTo(Math.round(width));
        assertThat(saved.maximized()).isFalse();

        // closed with the desktop: the next start opens the data again, as a restart does
        openWith(Locale.ENGLISH, br.com.prontivus.app.Prontivus.open(
                br.com.prontivus.config.ConfigLoader.forDataDirectory(dataDir),
                new br.com.prontivus.app.Prontivus.Options(clock, ZONE, br.com.prontivus.testing.TestStores.FAST_HASHER,
                        "tester", true)));
        assertThat(desktop.theme().darkProperty().get()).isTrue();
        assertThat(onFx(() -> desktop.scene().getWidth())).isEqualTo(saved.width());
    }

    @Test
    void damagedPreferencesMeanTheDefaults() throws Exception {
        java.nio.file.Files.writeString(dataDir.resolve(DesktopPreferences.FILE_NAME),
                "theme=dark\nwindow.width=banana\nwindow.height=-5\n\\u12");
        DesktopPreferences p = DesktopPreferences.load(dataDir);
        assertThat(p.dark()).isFalse(); // the file could not be read at all (bad escape): all defaults
        assertThat(p.width()).isEqualTo(Desktop.WIDTH);
        java.nio.file.Files.writeString(dataDir.resolve(DesktopPreferences.FILE_NAME),
                "theme=dark\nwindow.width=banana\nwindow.height=-5\n");
        p = DesktopPreferences.load(dataDir);
        assertThat(p.dark()).isTrue();
        assertThat(p.width()).isEqualTo(Desktop.WIDTH);
        assertThat(p.height()).isEqualTo(Desktop.HEIGHT);
    }

    @Test
    void dataThatCannotBeOpenedIsExplainedAndReportedToTheLauncher() throws Exception {
        stage = org.testfx.api.FxToolkit.registerPrimaryStage();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        org.testfx.api.FxToolkit.setupFixture(() -> {
            desktop = new Desktop(stage, () -> {
                throw new br.com.prontivus.store.StoreException("The data file /tmp/x/prontivus.db is locked by another program", null);
            }, Locale.ENGLISH, FAST);
            desktop.whenOpenFails(() -> failed.set(true));
            desktop.start();
        });
        waitFor(failed::get);
        assertThat(text("#openingMessage")).contains("locked by another program");
        assertThat(visible("#loginView")).isFalse();
    }
}
