package br.com.prontivus.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * An inline "are you sure?" for destructive actions (discard, roll back, cancel an appointment): says
 * exactly what will happen, and runs the action only on the explicit confirm button. Focus lands on Cancel, so
 * Enter pressed out of habit does nothing harmful; Esc cancels. Inline rather than a dialog, so it
 * never hides the data it is about.
 */
public final class ConfirmBar extends HBox {

    private final Label question = new Label();
    private final Button confirm;
    private final Button cancel;
    private Runnable action;

    public ConfirmBar(I18n i18n, String idPrefix) {
        this(idPrefix, i18n.t("ui.admin.cancel"));
    }

    /** With {@code dismissText} on the harmless button, when "Cancel" would be ambiguous. */
    public ConfirmBar(String idPrefix, String dismissText) {
        setId(idPrefix + "Confirm");
        question.setWrapText(true);
        question.setGraphic(Forms.icon(MaterialDesignA.ALERT_OUTLINE));
        question.setId(idPrefix + "ConfirmText");
        confirm = Forms.id(new Button(), idPrefix + "ConfirmButton");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setMnemonicParsing(false);
        cancel = Forms.id(new Button(dismissText), idPrefix + "CancelButton");
        cancel.setMnemonicParsing(false);
        confirm.setOnAction(e -> {
            Runnable what = action;
            hideBar();
            if (what != null) {
                what.run();
            }
        });
        cancel.setOnAction(e -> hideBar());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                hideBar();
                e.consume();
            }
        });
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        question.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(question, Priority.ALWAYS);
        getChildren().addAll(question, confirm, cancel);
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("confirm-bar");
        hideBar();
    }

    /** Shows the question; {@code action} runs when the user confirms. */
    public void ask(String text, String confirmText, Runnable action) {
        this.action = action;
        question.setText(text);
        confirm.setText(confirmText);
        setVisible(true);
        setManaged(true);
        cancel.requestFocus();
    }

    /** Withdraws the question (e.g. the selection it was about changed). */
    public void hideBar() {
        action = null;
        setVisible(false);
        setManaged(false);
    }
}
