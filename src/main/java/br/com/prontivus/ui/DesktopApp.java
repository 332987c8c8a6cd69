package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX entry point: hands the stage to {@link Desktop}, which does the real work. */
public final class DesktopApp extends Application {

    private static volatile AppConfig config;
    private Desktop desktop;

    public static void launchWith(AppConfig appConfig) {
        config = appConfig;
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        AppConfig settings = config;
        desktop = new Desktop(stage,
                () -> Prontivus.open(settings, Prontivus.Options.defaults(System.getProperty("user.name"))),
                Locale.getDefault(), DesktopOptions.defaults());
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
