package br.com.prontivus;

import br.com.prontivus.config.AppConfig;
import br.com.prontivus.ui.DesktopApp;

/** Starts the JavaFX desktop; kept apart so the command line never loads JavaFX classes. */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    static int launch(AppConfig config, boolean exitWhenReady) {
        return DesktopApp.launchWith(config, exitWhenReady);
    }
}
