package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX entry point: hands the stage to {@link Desktop}, which does the real work. */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** How long {@code --exit-when-ready} waits for the first screen before giving up. */
    static final Duration READY_TIMEOUT = Duration.minutes(1);

    private static volatile EarlyOpening opening;
    private static volatile DesktopPreferences preferences;
    private static volatile boolean exitWhenReady;
    private static volatile int exitCode;
    private Desktop desktop;

    /**
     * Opens the window and returns when it is closed: 0, or 1 when {@code exitWhenReady} and the data
     * could not be opened or the first screen was not ready in time.
     */
    public static int launchWith(AppConfig appConfig, boolean exitWhenReady) {
        EarlyOpening early = new EarlyOpening(
                () -> Prontivus.open(appConfig, Prontivus.Options.defaults(System.getProperty("user.name"))));
        opening = early;
        preferences = DesktopPreferences.load(appConfig.dataDirectory());
        DesktopApp.exitWhenReady = exitWhenReady;
        exitCode = 0;
        try {
            Application.launch(DesktopApp.class);
        } finally {
            early.closeUnclaimed();
        }
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        EarlyOpening early = opening;
        desktop = new Desktop(stage, early::claim, Locale.getDefault(), DesktopOptions.defaults(), preferences);
        if (exitWhenReady) {
            PauseTransition timeout = new PauseTransition(READY_TIMEOUT);
            timeout.setOnFinished(e -> {
                LOG.error("The desktop was not ready within {} s; closing", (long) READY_TIMEOUT.toSeconds());
                exitCode = 1;
                Platform.exit();
            });
            desktop.whenReady(() -> {
                timeout.stop();
                Platform.exit();
            });
            desktop.whenOpenFails(() -> { // the reason is in the log; a smoke test should not wait a minute
                timeout.stop();
                exitCode = 1;
                Platform.exit();
            });
            timeout.play();
        }
        desktop.start();
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
        Platform.exit();
    }
}
