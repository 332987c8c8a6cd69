package br.com.prontivus.ui.admin;

import javafx.scene.Parent;

/** One tab of the admin area. */
interface AdminPanel {

    Parent root();

    /** The tab became visible (or F5): re-read. */
    void activated();
}
