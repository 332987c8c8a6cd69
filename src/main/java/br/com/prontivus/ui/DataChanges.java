package br.com.prontivus.ui;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Pages report a successful write here; whoever shows derived state (the status bar's pending
 * count, later the sync engine's "push soon") listens. Only touched on the JavaFX thread.
 */
public final class DataChanges {

    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");

    public void written() {
        version.set(version.get() + 1);
    }

    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }
}
