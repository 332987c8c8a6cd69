package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX entry point: hands the stage to {@link Desktop}, which does the real work. */
public final class DesktopApp extends Application {

    private static volatile EarlyOpening opening;
    private static volatile DesktopPreferences preferences;
    private Desktop desktop;

    public static void launchWith(AppConfig appConfig) {
        EarlyOpening early = new EarlyOpening(
                () -> Prontivus.open(appConfig, Prontivus.Options.defaults(System.getProperty("user.name"))));
        opening = early;
        preferences = DesktopPreferences.load(appConfig.dataDirectory());
        try {
            Application.launch(DesktopApp.class);
        } finally {
            early.closeUnclaimed();
        }
    }

    @Override
    public void start(Stage stage) {
        EarlyOpening early = opening;
        desktop = new Desktop(stage, early::claim, Locale.getDefault(), DesktopOptions.defaults(), preferences);
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
