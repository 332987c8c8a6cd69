package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.app.Administration.SyncOverview;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.ui.ConfirmBar;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** Sync and offline: the link card, the pending and parked queues with their actions. */
final class SyncPanel implements AdminPanel {

    private final SyncViewModel vm;
    private final I18n i18n;
    private final DeskContext ctx;
    private final VBox root;
    private final GridPane card = new GridPane();
    private final TableView<OutboxEntry> parked = Forms.id(new TableView<>(), "parkedTable");
    private final TableView<OutboxEntry> pending = Forms.id(new TableView<>(), "pendingTable");
    private final ConfirmBar confirm;

    SyncPanel(DeskContext ctx, SyncViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        this.i18n = ctx.i18n();
        confirm = new ConfirmBar(i18n, "discard");

        card.setId("syncCard");
        card.setHgap(24);
        card.setVgap(4);
        card.getStyleClass().add("admin-card");
        vm.overviewProperty().addListener((obs, o, n) -> fillCard(n));

        Button syncNow = PanelParts.button("forceSyncButton", i18n.t("ui.admin.sync.force"), MaterialDesignS.SYNC);
        syncNow.getStyleClass().add(Styles.ACCENT);
        syncNow.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(
                () -> vm.overviewProperty().get() == null || !vm.overviewProperty().get().engineAvailable(),
                vm.overviewProperty())));
        syncNow.setOnAction(e -> vm.syncNow());
        Button cleanup = PanelParts.button("cleanupButton", i18n.t("ui.admin.sync.cleanup"), MaterialDesignB.BROOM);
        cleanup.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(
                () -> vm.overviewProperty().get() == null || !vm.overviewProperty().get().retentionAvailable(),
                vm.overviewProperty())));
        cleanup.setOnAction(e -> vm.cleanup());
        HBox cleanupHolder = new HBox(cleanup);
        Tooltip.install(cleanupHolder, new Tooltip(i18n.t("ui.admin.sync.cleanup_tip")));
        Button refresh = PanelParts.button("syncRefresh", i18n.t("ui.admin.refresh"), MaterialDesignR.REFRESH);
        refresh.setOnAction(e -> vm.reload());
        Label cleanupReport = Forms.id(new Label(), "cleanupReport");
        cleanupReport.textProperty().bind(vm.cleanupReportProperty());
        cleanupReport.setWrapText(true);
        cleanupReport.visibleProperty().bind(vm.cleanupReportProperty().isNotEmpty());
        cleanupReport.managedProperty().bind(cleanupReport.visibleProperty());
        HBox top = new HBox(10, syncNow, cleanupHolder, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        setUp(parked, true);
        parked.setItems(vm.parked());
        parked.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        parked.setPlaceholder(new Label(i18n.t("ui.admin.sync.no_parked")));
        setUp(pending, false);
        pending.setItems(vm.pending());
        pending.setPlaceholder(new Label(i18n.t("ui.admin.sync.no_pending")));

        var noParkedSelection = Bindings.isEmpty(parked.getSelectionModel().getSelectedItems()).or(vm.busyProperty());
        Button retry = PanelParts.button("retryButton", i18n.t("ui.admin.sync.retry"), MaterialDesignR.REPLAY);
        retry.disableProperty().bind(noParkedSelection);
        retry.setOnAction(e -> vm.retry(selected()));
        Button retryAll = PanelParts.button("retryAllButton", i18n.t("ui.admin.sync.retry_all"),
                MaterialDesignR.REPLAY);
        retryAll.disableProperty().bind(Bindings.isEmpty(vm.parked()).or(vm.busyProperty()));
        retryAll.setOnAction(e -> vm.retryAll());
        Button discard = PanelParts.button("discardButton", i18n.t("ui.admin.sync.discard"),
                MaterialDesignD.DELETE_FOREVER_OUTLINE);
        discard.getStyleClass().add(Styles.DANGER);
        discard.disableProperty().bind(noParkedSelection);
        discard.setOnAction(e -> {
            List<UUID> ids = selected();
            confirm.ask(i18n.t("ui.admin.sync.discard_confirm", ids.size()),
                    i18n.t("ui.admin.sync.discard_do", ids.size()), () -> vm.discard(ids));
        });
        FlowPane parkedActions = new FlowPane(8, 8, retry, retryAll, discard);

        Label parkedTitle = new Label();
        parkedTitle.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("ui.admin.sync.parked_title", vm.parked().size()), vm.parked()));
        parkedTitle.getStyleClass().add(Styles.TITLE_4);
        Label pendingTitle = new Label();
        pendingTitle.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("ui.admin.sync.pending_title", vm.pending().size()), vm.pending()));
        pendingTitle.getStyleClass().add(Styles.TITLE_4);
        VBox.setVgrow(parked, Priority.ALWAYS);
        VBox.setVgrow(pending, Priority.ALWAYS);
        root = PanelParts.page(card, top, cleanupReport, parkedTitle, parked, parkedActions, confirm, pendingTitle,
                pending, PanelParts.progress(vm, "syncProgress"), PanelParts.message(vm, "syncMessage"));
        root.setId("syncPanel");
        fillCard(null);
    }

    private List<UUID> selected() {
        return parked.getSelectionModel().getSelectedItems().stream().map(OutboxEntry::opId).toList();
    }

    private void setUp(TableView<OutboxEntry> table, boolean withError) {
        table.getColumns().add(PanelParts.column("#", 50, op -> String.valueOf(op.seq())));
        table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.op"), 90,
                op -> ConflictsViewModel.shortId(op.opId())));
        table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.change"), 190,
                op -> op.kind().wireName() + " " + op.tableName() + " " + ConflictsViewModel.shortId(op.rowId())));
        table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.created"), 130,
                op -> time(op.createdAt())));
        table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.attempts"), 80,
                op -> String.valueOf(op.attempts())));
        if (!withError) {
            table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.next_attempt"), 130,
                    op -> time(op.nextAttemptAt())));
        }
        table.getColumns().add(PanelParts.column(i18n.t("ui.admin.sync.error"), 420,
                op -> op.lastError() == null ? "" : op.lastError()));
        table.setMinHeight(120);
    }

    private String time(Instant t) {
        return t == null ? "" : i18n.dateTime(t.atZone(ctx.zone()));
    }

    private void fillCard(SyncOverview o) {
        card.getChildren().clear();
        if (o == null) {
            card.add(new Label(i18n.t("ui.admin.loading")), 0, 0);
            return;
        }
        String link;
        String linkStyle;
        if (!o.serverConfigured()) {
            link = i18n.t("ui.admin.sync.link_none");
            linkStyle = "link-offline";
        } else if (Boolean.TRUE.equals(o.reachable())) {
            link = i18n.t("ui.admin.sync.link_online");
            linkStyle = "link-online";
        } else {
            link = i18n.t("ui.admin.sync.link_offline");
            linkStyle = "link-offline";
        }
        Label linkLabel = Forms.id(new Label(link), "syncLink");
        linkLabel.getStyleClass().addAll(linkStyle, Styles.TEXT_BOLD);
        row(0, "ui.admin.sync.mode", i18n.t("ui.mode." + o.mode()), "syncMode");
        card.add(muted(i18n.t("ui.admin.sync.link")), 0, 1);
        card.add(linkLabel, 1, 1);
        row(2, "ui.admin.sync.server", o.serverDetail() == null ? i18n.t("ui.admin.none") : o.serverDetail(),
                "syncServer");
        row(3, "ui.admin.sync.last_push", when(o.lastPushAt()), "syncLastPush");
        row(4, "ui.admin.sync.last_pull", when(o.lastPullAt()), "syncLastPull");
        row(5, "ui.admin.sync.last_success", when(o.lastSuccessAt()), "syncLastSuccess");
        row(6, "ui.admin.sync.last_error", o.lastError() == null ? i18n.t("ui.admin.none")
                : o.lastError() + " (" + when(o.lastErrorAt()) + ")", "syncLastError");
        int r = 0;
        rowAt(2, r++, "ui.admin.sync.count_pending", String.valueOf(o.count(OutboxCapture.PENDING)), "countPending");
        rowAt(2, r++, "ui.admin.sync.count_parked", String.valueOf(o.count(OutboxCapture.PARKED)), "countParked");
        rowAt(2, r++, "ui.admin.sync.count_acknowledged", String.valueOf(o.count(OutboxCapture.ACKNOWLEDGED)),
                "countAcknowledged");
        rowAt(2, r++, "ui.admin.sync.open_conflicts", String.valueOf(o.openConflicts()), "countConflicts");
        rowAt(2, r, "ui.admin.sync.server_schema", o.serverSchema() == null ? i18n.t("ui.admin.none")
                : o.serverSchema(), "syncServerSchema");
    }

    private String when(Instant t) {
        return t == null ? i18n.t("ui.status.never") : i18n.dateTime(t.atZone(ctx.zone()));
    }

    private void row(int r, String key, String value, String id) {
        rowAt(0, r, key, value, id);
    }

    private void rowAt(int col, int r, String key, String value, String id) {
        card.add(muted(i18n.t(key)), col, r);
        Label v = Forms.id(new Label(value), id);
        v.setWrapText(true);
        v.setMaxWidth(460);
        card.add(v, col + 1, r);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        vm.reload();
    }
}
