package br.com.prontivus.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** AtlantaFX Primer light or dark, switched at run time. */
public final class Theme {

    public static final String STYLESHEET = Theme.class.getResource("prontivus.css").toExternalForm();
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");

    public Theme() {
        dark.addListener((obs, was, isDark) -> apply());
        apply();
    }

    private void apply() {
        Application.setUserAgentStylesheet(dark.get()
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public void toggle() {
        dark.set(!dark.get());
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
