package br.com.prontivus.ui;

import atlantafx.base.theme.Styles;
import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.login.FirstRunView;
import br.com.prontivus.ui.login.FirstRunViewModel;
import br.com.prontivus.ui.login.LoginThrottle;
import br.com.prontivus.ui.login.LoginView;
import br.com.prontivus.ui.login.LoginViewModel;
import br.com.prontivus.ui.shell.MainView;
import java.net.InetAddress;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application object: owns the background executor, the opened {@link Prontivus}, the
 * theme and the one scene whose root moves through opening → first run → login → main window.
 */
public final class Desktop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final Stage stage;
    private final Supplier<Prontivus> opener;
    private final I18n i18n;
    private final DesktopOptions options;
    private final Background background = new Background();
    private final Theme theme = new Theme();
    private final LoginThrottle throttle;
    private final DesktopPreferences preferences;
    private Scene scene;
    private Prontivus app;
    private String clinicName;
    private MainView main;
    private Runnable onReady;
    private Runnable onFailed;

    public Desktop(Stage stage, Supplier<Prontivus> opener, Locale locale, DesktopOptions options) {
        this(stage, opener, locale, options, DesktopPreferences.forThisRunOnly());
    }

    public Desktop(Stage stage, Supplier<Prontivus> opener, Locale locale, DesktopOptions options,
                   DesktopPreferences preferences) {
        this.stage = stage;
        this.preferences = preferences;
        this.opener = opener;
        this.i18n = new I18n(locale);
        this.options = options;
        this.throttle = new LoginThrottle(options.loginDelayBase(), options.loginDelayMax());
    }

    /**
     * Shows the window at once and opens the data on a worker thread. The login card is built and
     * styled right away, disabled under a spinner, so that its controls, skins and CSS are ready when
     * the data is (they took half a second after it; docs/PERFORMANCE.md, "Desktop"). Call on the
     * JavaFX thread.
     */
    public void start() {
        LoginView login = newLoginView();
        login.root().setDisable(true);
        Label opening = new Label(i18n.t("ui.starting"));
        opening.setId("openingMessage");
        ProgressIndicator spinner = new ProgressIndicator();
        VBox busy = new VBox(16, spinner, opening);
        busy.setAlignment(Pos.CENTER);
        busy.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        busy.setPadding(new Insets(0, 0, 48, 0));
        busy.setId("splash");
        StackPane.setAlignment(busy, Pos.BOTTOM_CENTER);
        StackPane splash = new StackPane(login.root(), busy);
        theme.darkProperty().set(preferences.dark());
        scene = new Scene(splash, preferences.width(), preferences.height());
        scene.getStylesheets().add(Theme.STYLESHEET);
        stage.setTitle("Prontivus");
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.setScene(scene);
        stage.sizeToScene(); // the remembered size, even on a stage that was sized before (tests reuse theirs)
        stage.setMaximized(preferences.maximized());
        stage.show();
        record Opened(Prontivus app, boolean hasClinic, String clinicName) {
        }
        background.run(() -> {
            Prontivus opened = opener.get();
            boolean hasClinic = opened.identity().isPresent();
            return new Opened(opened, hasClinic, hasClinic ? opened.clinicName() : null);
        }, opened -> {
            app = opened.app();
            clinicName = opened.clinicName();
            if (opened.hasClinic()) {
                splash.getChildren().remove(login.root());
                login.root().setDisable(false);
                showLogin(login);
            } else {
                showFirstRun();
            }
        }, failure -> {
            LOG.error("Could not open the clinic data", failure);
            login.root().setVisible(false);
            StackPane.setAlignment(busy, Pos.CENTER);
            opening.setText(i18n.t("ui.open_failed", i18n.error(failure)));
            opening.getStyleClass().add(Styles.DANGER);
            opening.setWrapText(true);
            busy.getChildren().remove(spinner);
            if (onFailed != null) {
                onFailed.run();
            }
        });
    }

    private void showFirstRun() {
        FirstRunViewModel vm = new FirstRunViewModel(i18n, background, (name, login, fullName, password) -> {
            app.init(name, login, fullName, password, deviceName());
            clinicName = app.clinicName();
        }, this::showLogin);
        setRoot(new FirstRunView(i18n, vm).root());
        stage.setTitle(i18n.t("ui.firstrun.window_title"));
        reportReadyOnce("first-run");
    }

    private void showLogin() {
        showLogin(newLoginView());
    }

    private LoginView newLoginView() {
        LoginViewModel vm = new LoginViewModel(i18n, background, (login, password) -> {
            ClinicServices services = app.services();
            return services.staff().authenticate(login, password);
        }, throttle, this::showMain);
        return new LoginView(i18n, vm, clinicName);
    }

    private void showLogin(LoginView login) {
        login.clinicName(clinicName);
        setRoot(login.root());
        login.focus();
        stage.setTitle("Prontivus — " + (clinicName == null ? "" : clinicName));
        reportReadyOnce("login");
    }

    /**
     * Cold-start figure (docs/PERFORMANCE.md, "Desktop (issue 5)"): the first time the login card (or the
     * first-run form) is on screen in this JVM, logs one INFO line "login screen ready in N ms" (or
     * "first-run screen ready …") counted from JVM start (RuntimeMXBean start time), taken after the
     * first pulse that laid it out (CSS and layout done, the field focused and accepting keys), then
     * runs the {@link #whenReady} hook. Costs one listener for one pulse.
     */
    private void reportReadyOnce(String screen) {
        if (!READY_REPORTED.compareAndSet(false, true)) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            long now = System.currentTimeMillis();
            scene.removePostLayoutPulseListener(once[0]);
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("{} screen ready in {} ms from JVM start (at epoch ms {})", screen, now - jvmStart, now);
            if (onReady != null) {
                onReady.run();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean READY_REPORTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Runs {@code hook} once, on the JavaFX thread, when the first login or first-run screen is ready. */
    public void whenReady(Runnable hook) {
        this.onReady = hook;
    }

    /** Runs {@code hook} on the JavaFX thread when the data could not be opened (the message is on screen). */
    public void whenOpenFails(Runnable hook) {
        this.onFailed = hook;
    }

    private void showMain(StaffUser user) {
        DeskContext ctx = new DeskContext(app, app.services(), i18n, background, new Session(user, clinicName),
                options, new DataChanges());
        main = new MainView(ctx, theme, () -> {
            main = null;
            scene.getAccelerators().clear();
            showLogin();
        });
        setRoot(main.root());
        main.attach(scene);
        stage.setTitle("Prontivus — " + clinicName + " — " + user.fullName());
    }

    private void setRoot(Parent root) {
        scene.setRoot(root);
    }

    private static String deviceName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "desktop";
        }
    }

    public I18n i18n() { return i18n; }
    public Background background() { return background; }
    public Theme theme() { return theme; }
    public Scene scene() { return scene; }
    public MainView main() { return main; }
    public Prontivus app() { return app; }

    @Override
    public void close() {
        if (scene != null) {
            preferences.remember(theme.darkProperty().get(), scene.getWidth(), scene.getHeight(), stage.isMaximized());
            preferences.save();
        }
        if (main != null) {
            main.close();
        }
        background.close();
        if (app != null) {
            app.close();
        }
    }
}
