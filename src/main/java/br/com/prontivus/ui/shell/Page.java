package br.com.prontivus.ui.shell;

import javafx.scene.Parent;

/** One page of the main window (patients, schedule, queue). */
public interface Page {

    Parent root();

    /** The page became visible: re-read what may have changed and put the focus where work starts. */
    void activated();

    /** F5. */
    void refresh();

    /** The page left the window (stop timers). */
    default void deactivated() {
    }
}
