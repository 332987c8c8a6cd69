package br.com.prontivus.ui.queue;

import atlantafx.base.theme.Styles;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Formats;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.queue.QueueViewModel.Alert;
import br.com.prontivus.ui.queue.QueueViewModel.Entry;
import br.com.prontivus.ui.queue.QueueViewModel.Group;
import br.com.prontivus.ui.shell.Page;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * Today's queue in four columns. Keys on a list: Enter moves the row on (check in → start → complete),
 * N marks an expected patient as no-show.
 */
public final class QueuePage implements Page {

    private final DeskContext ctx;
    private final I18n i18n;
    private final QueueViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Group, ListView<Entry>> lists = new EnumMap<>(Group.class);
    private final Timeline ticker;
    private final Timeline reloader;

    public QueuePage(DeskContext ctx) {
        this.ctx = ctx;
        this.i18n = ctx.i18n();
        this.vm = new QueueViewModel(ctx);
        root.setId("queuePage");
        Label title = new Label(i18n.t("ui.queue.title"));
        title.getStyleClass().add("page-title");
        Label day = Forms.id(new Label(), "queueDay");
        day.getStyleClass().add(Styles.TEXT_MUTED);
        day.textProperty().bind(Bindings.createStringBinding(() -> vm.dayProperty().get() == null ? ""
                : i18n.dayTitle(vm.dayProperty().get()), vm.dayProperty()));
        Label message = Forms.id(new Label(), "queueMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((obs, o, err) -> {
            message.getStyleClass().removeAll("form-message-error", Styles.SUCCESS);
            message.getStyleClass().add(err ? "form-message-error" : Styles.SUCCESS);
        });
        HBox head = new HBox(16, title, day);
        head.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);

        HBox columns = new HBox(12);
        for (Group g : Group.values()) {
            VBox column = column(g);
            column.setPrefWidth(0); // four equal columns whatever their content
            column.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(column, Priority.ALWAYS);
            columns.getChildren().add(column);
        }
        VBox.setVgrow(columns, Priority.ALWAYS);
        VBox page = new VBox(12, head, columns, message);
        page.getStyleClass().add("page");
        root.setCenter(page);

        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        Duration every = ctx.options().queueRefresh();
        reloader = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> vm.reload()));
        reloader.setCycleCount(Timeline.INDEFINITE);
        vm.nowProperty().addListener((obs, o, n) -> lists.values().forEach(ListView::refresh));
    }

    private VBox column(Group g) {
        String key = g.name().toLowerCase(Locale.ROOT);
        ListView<Entry> list = Forms.id(new ListView<>(vm.group(g)), "queue-" + key);
        list.setPlaceholder(new Label(i18n.t("ui.queue.empty." + key)));
        list.setCellFactory(v -> {
            QueueCell cell = new QueueCell();
            cell.prefWidthProperty().bind(v.widthProperty().subtract(18));
            cell.setMaxWidth(Region.USE_PREF_SIZE);
            return cell;
        });
        list.setMinWidth(150);
        lists.put(g, list);
        vm.group(g).addListener((javafx.collections.ListChangeListener<Entry>) c -> {
            if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("ui.queue.group." + key, vm.group(g).size()), vm.group(g)));
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("queueTitle-" + key);
        title.setLabelFor(list);

        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(6, 6);
        switch (g) {
            case EXPECTED -> actions.getChildren().addAll(
                    action("checkInButton", "ui.queue.check_in", MaterialDesignA.ACCOUNT_CHECK, list,
                            vm::checkIn),
                    action("noShowButton", "ui.queue.no_show", MaterialDesignA.ACCOUNT_CANCEL, list, vm::noShow));
            case WAITING -> actions.getChildren().add(
                    action("startServiceButton", "ui.queue.start", MaterialDesignP.PLAY, list, vm::startService));
            case IN_SERVICE -> actions.getChildren().add(
                    action("completeButton", "ui.queue.complete", MaterialDesignC.CHECK_ALL, list, vm::complete));
            case DONE -> { }
        }
        list.setOnKeyPressed(e -> {
            Entry selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER) {
                vm.advance(selected);
                e.consume();
            } else if (e.getCode() == KeyCode.N && g == Group.EXPECTED) {
                vm.noShow(selected);
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.advance(list.getSelectionModel().getSelectedItem());
            }
        });
        VBox box = new VBox(6, title, list, actions);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.getStyleClass().add("queue-column");
        return box;
    }

    private Button action(String id, String key, org.kordamp.ikonli.Ikon icon, ListView<Entry> list,
                          java.util.function.Consumer<Entry> what) {
        Button b = Forms.id(new Button(i18n.t(key)), id);
        b.setGraphic(Forms.icon(icon));
        b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        b.setOnAction(e -> {
            what.accept(list.getSelectionModel().getSelectedItem());
            list.requestFocus();
        });
        return b;
    }

    /** A row: time and patient, practitioner and type, and the timing badge. */
    private final class QueueCell extends ListCell<Entry> {
        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            getStyleClass().removeAll("queue-late", "queue-overdue");
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                setAccessibleText(null);
                return;
            }
            var a = entry.appointment();
            Label who = new Label(i18n.time(a.startsAt().atZone(ctx.zone())) + "  " + entry.patientName());
            who.getStyleClass().add(Styles.TEXT_BOLD);
            Label what = new Label(entry.practitionerName() + " · " + a.type());
            what.getStyleClass().add(Styles.TEXT_SMALL);
            Label timing = new Label(vm.timing(entry));
            timing.getStyleClass().add("badge");
            timing.setId("timing-" + a.id());
            Alert alert = vm.alert(entry);
            if (alert == Alert.LATE) {
                getStyleClass().add("queue-late");
                timing.getStyleClass().add("badge-late");
            } else if (alert == Alert.OVERDUE) {
                getStyleClass().add("queue-overdue");
                timing.getStyleClass().add("badge-overdue");
            }
            Label status = new Label(Formats.status(i18n, a.status()));
            status.getStyleClass().addAll("badge");
            HBox badges = entry.group() == Group.DONE ? new HBox(6, timing) : new HBox(6, timing, status);
            VBox card = new VBox(2, who, what, badges);
            card.getStyleClass().add("queue-card");
            card.setMinWidth(0);
            setText(null);
            setGraphic(card);
            setAccessibleText(who.getText() + ", " + timing.getText());
        }
    }

    public QueueViewModel viewModel() {
        return vm;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        vm.reload();
        ticker.play();
        reloader.play();
        Platform.runLater(() -> {
            ListView<Entry> expected = lists.get(Group.EXPECTED);
            expected.requestFocus();
            if (expected.getSelectionModel().isEmpty() && !expected.getItems().isEmpty()) {
                expected.getSelectionModel().selectFirst();
            }
        });
    }

    @Override
    public void deactivated() {
        ticker.stop();
        reloader.stop();
    }

    @Override
    public void refresh() {
        vm.reload();
    }
}
