package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.i18n.Messages;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop window. Opening the databases happens on a background thread, never on the FX thread. */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    private static volatile AppConfig config;
    private Prontivus app;

    public static void launchWith(AppConfig appConfig) {
        config = appConfig;
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        ResourceBundle bundle = Messages.bundle(Locale.getDefault());
        Label status = new Label(bundle.getString("ui.starting"));
        BorderPane root = new BorderPane(status);
        stage.setTitle("Prontivus");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
        Task<Prontivus> open = new Task<>() {
            @Override
            protected Prontivus call() {
                return Prontivus.open(config, Prontivus.Options.defaults(System.getProperty("user.name")));
            }
        };
        open.setOnSucceeded(e -> {
            app = open.getValue();
            String clinic = app.clinicName();
            status.setText(clinic == null ? bundle.getString("ui.no_clinic") : clinic);
        });
        open.setOnFailed(e -> {
            LOG.error("Could not open the data", open.getException());
            status.setText(open.getException().getMessage());
        });
        Thread.ofVirtual().name("prontivus-open").start(open);
    }

    @Override
    public void stop() {
        if (app != null) {
            app.close();
        }
        Platform.exit();
    }
}
