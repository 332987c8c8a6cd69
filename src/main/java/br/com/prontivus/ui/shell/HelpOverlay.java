package br.com.prontivus.ui.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import br.com.prontivus.ui.I18n;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** F1: the list of shortcuts over the current page; Esc or F1 closes it. */
public final class HelpOverlay extends StackPane {

    public HelpOverlay(I18n i18n, Shortcuts shortcuts) {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        Label title = new Label(i18n.t("ui.help.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (Shortcuts.Entry entry : shortcuts.entries()) {
            Label keys = new Label(entry.keys());
            keys.getStyleClass().add("shortcut-key");
            keys.setMnemonicParsing(false);
            Label what = new Label(i18n.t(entry.descriptionKey()));
            what.setWrapText(true);
            grid.addRow(row++, keys, what);
        }
        Label mnemonics = new Label(i18n.t("ui.help.mnemonics"));
        mnemonics.setWrapText(true);
        mnemonics.getStyleClass().add(Styles.TEXT_MUTED);
        Button close = new Button(i18n.t("ui.help.close"));
        close.setId("helpClose");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        VBox card = new VBox(12, title, scroll, mnemonics, close);
        card.getStyleClass().add("help-card");
        card.setAlignment(Pos.TOP_LEFT);
        getChildren().add(card);
        setVisible(false);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1) {
                hide();
                e.consume();
            }
        });
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                hide();
            }
        });
    }

    public void toggle() {
        if (isVisible()) {
            hide();
        } else {
            setVisible(true);
            requestFocus();
        }
    }

    public void hide() {
        setVisible(false);
    }
}
