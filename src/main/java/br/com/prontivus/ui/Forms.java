package br.com.prontivus.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small builders shared by the forms: a labelled field with its inline error under it. */
public final class Forms {

    private Forms() {
    }

    /**
     * A field: the label (its {@code _} marks the mnemonic, Alt+letter focuses the input), the input
     * and, under it, the error text; the input turns red while there is an error.
     */
    public static VBox field(String labelText, Control input, StringProperty error) {
        Label label = new Label(labelText);
        label.setMnemonicParsing(true);
        label.setLabelFor(input);
        input.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(4, label, input);
        if (error != null) {
            Label errorLabel = new Label();
            errorLabel.getStyleClass().addAll("field-error", Styles.TEXT_SMALL, Styles.DANGER);
            errorLabel.setWrapText(true);
            errorLabel.textProperty().bind(error);
            errorLabel.visibleProperty().bind(error.isNotEmpty());
            errorLabel.managedProperty().bind(errorLabel.visibleProperty());
            if (input.getId() != null) {
                errorLabel.setId(input.getId() + "Error");
            }
            error.addListener((obs, old, text) -> input.pseudoClassStateChanged(Styles.STATE_DANGER,
                    text != null && !text.isEmpty()));
            box.getChildren().add(errorLabel);
        }
        box.getStyleClass().add("form-field");
        return box;
    }

    public static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("desk-icon");
        return icon;
    }

    public static <T extends Control> T id(T control, String id) {
        control.setId(id);
        return control;
    }
}
