package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

/** Pieces every admin panel is built from: title, progress line, message line, buttons, columns. */
final class PanelParts {

    private PanelParts() {
    }

    static Label title(String text) {
        Label title = new Label(text);
        title.getStyleClass().add("page-title");
        return title;
    }

    /** An indeterminate bar and the text of what runs, shown only while the panel is busy. */
    static HBox progress(PanelModel vm, String id) {
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setPrefWidth(160);
        Label what = new Label();
        what.textProperty().bind(vm.progressProperty());
        what.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(8, bar, what);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId(id);
        box.visibleProperty().bind(vm.busyProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    static Label message(PanelModel vm, String id) {
        Label message = new Label();
        message.setId(id);
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((obs, o, err) -> {
            message.getStyleClass().removeAll("form-message-error", Styles.SUCCESS);
            message.getStyleClass().add(err ? "form-message-error" : Styles.SUCCESS);
        });
        return message;
    }

    static Button button(String id, String text, Ikon icon) {
        Button b = Forms.id(new Button(text), id);
        b.setGraphic(Forms.icon(icon));
        b.setMnemonicParsing(false);
        return b;
    }

    static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue() == null ? ""
                : value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    static VBox page(javafx.scene.Node... children) {
        VBox page = new VBox(10, children);
        page.getStyleClass().addAll("page", "admin-panel");
        return page;
    }

    static String dash(I18n i18n, Object value) {
        return value == null ? i18n.t("ui.admin.none") : value.toString();
    }
}
