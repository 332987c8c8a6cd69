package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.sync.ConflictField;
import br.com.prontivus.sync.ConflictResolver.Conflict;
import br.com.prontivus.sync.ConflictResolver.Side;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.util.List;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Conflicts: the list (filter by state, table, detection date; multi-select to settle many with one
 * side) and, beside it, the selected conflict field by field — base, this desktop, server — with
 * the differing values highlighted and a side to keep per field.
 */
final class ConflictsPanel implements AdminPanel {

    private final ConflictsViewModel vm;
    private final I18n i18n;
    private final DeskContext ctx;
    private final VBox root;
    private final TableView<Conflict> table = Forms.id(new TableView<>(), "conflictTable");
    private final GridPane grid = new GridPane();
    private final Label detailTitle = Forms.id(new Label(), "conflictDetailTitle");
    private final Label detailMeta = Forms.id(new Label(), "conflictDetailMeta");

    ConflictsPanel(DeskContext ctx, ConflictsViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        this.i18n = ctx.i18n();

        ComboBox<String> status = Forms.id(new ComboBox<>(), "conflictStatusFilter");
        status.getItems().setAll(ConflictsViewModel.OPEN, ConflictsViewModel.RESOLVED);
        status.setConverter(converter(s -> i18n.t("ui.admin.conflicts.status." + s)));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        ComboBox<String> tables = Forms.id(new ComboBox<>(), "conflictTableFilter");
        tables.getItems().add(null);
        tables.getItems().addAll(ConflictsViewModel.TABLES);
        tables.setConverter(converter(t -> t == null ? i18n.t("ui.admin.all_tables") : vm.tableName(t)));
        tables.valueProperty().bindBidirectional(vm.tableProperty());
        DatePicker from = Forms.id(new DatePicker(), "conflictFrom");
        from.setPromptText(i18n.t("ui.admin.from"));
        from.valueProperty().bindBidirectional(vm.fromProperty());
        from.setPrefWidth(140);
        DatePicker to = Forms.id(new DatePicker(), "conflictTo");
        to.setPromptText(i18n.t("ui.admin.to"));
        to.valueProperty().bindBidirectional(vm.toProperty());
        to.setPrefWidth(140);
        Button refresh = PanelParts.button("conflictRefresh", i18n.t("ui.admin.refresh"), MaterialDesignR.REFRESH);
        refresh.setOnAction(e -> vm.reload());
        status.valueProperty().addListener((o, a, b) -> vm.reload());
        tables.valueProperty().addListener((o, a, b) -> vm.reload());
        from.valueProperty().addListener((o, a, b) -> vm.reload());
        to.valueProperty().addListener((o, a, b) -> vm.reload());
        HBox filters = new HBox(8, status, tables, from, to, refresh);
        filters.setAlignment(Pos.CENTER_LEFT);

        table.setItems(vm.conflicts());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(i18n.t("ui.admin.conflicts.none")));
        table.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.conflicts.detected"), 130,
                        c -> i18n.dateTime(c.detectedAt().atZone(ctx.zone()))),
                PanelParts.column(i18n.t("ui.admin.conflicts.table"), 110, c -> vm.tableName(c.table())),
                PanelParts.column(i18n.t("ui.admin.conflicts.row"), 80, c -> ConflictsViewModel.shortId(c.rowId())),
                PanelParts.column(i18n.t("ui.admin.conflicts.fields"), 150, c -> String.join(", ",
                        c.fields().stream().map(f -> vm.fieldName(f.field())).toList())),
                PanelParts.column(i18n.t("ui.admin.conflicts.resolved_by"), 150, c -> c.open() ? ""
                        : c.resolvedBy() + " · " + i18n.dateTime(c.resolvedAt().atZone(ctx.zone())))));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, c) -> {
            if (c != null) {
                vm.selectedProperty().set(c);
            }
        });
        vm.selectedProperty().addListener((obs, o, c) -> {
            if (c != null && table.getSelectionModel().getSelectedItem() != c) {
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(c);
            }
            showDetail(c);
        });
        BooleanBinding noneSelected = Bindings.isEmpty(table.getSelectionModel().getSelectedItems())
                .or(vm.statusProperty().isNotEqualTo(ConflictsViewModel.OPEN)).or(vm.busyProperty());
        Button manyLocal = PanelParts.button("applyLocalToSelected", i18n.t("ui.admin.conflicts.many_local"),
                MaterialDesignD.DESKTOP_CLASSIC);
        manyLocal.disableProperty().bind(noneSelected);
        manyLocal.setOnAction(e -> vm.resolveMany(selectedIds(), Side.LOCAL));
        Button manyServer = PanelParts.button("applyServerToSelected", i18n.t("ui.admin.conflicts.many_server"),
                MaterialDesignS.SERVER);
        manyServer.disableProperty().bind(noneSelected);
        manyServer.setOnAction(e -> vm.resolveMany(selectedIds(), Side.SERVER));
        javafx.scene.layout.FlowPane bulk = new javafx.scene.layout.FlowPane(8, 8, manyLocal, manyServer);
        VBox left = new VBox(8, table, bulk);
        VBox.setVgrow(table, Priority.ALWAYS);

        detailTitle.getStyleClass().add(Styles.TITLE_4);
        detailMeta.getStyleClass().add(Styles.TEXT_MUTED);
        detailMeta.setWrapText(true);
        grid.setId("conflictGrid");
        grid.setHgap(12);
        grid.setVgap(6);
        grid.getStyleClass().add("conflict-grid");
        BooleanBinding cannotResolve = Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                || !vm.selectedProperty().get().open(), vm.selectedProperty()).or(vm.busyProperty());
        Button allLocal = PanelParts.button("takeAllLocal", i18n.t("ui.admin.conflicts.all_local"),
                MaterialDesignD.DESKTOP_CLASSIC);
        allLocal.disableProperty().bind(cannotResolve);
        allLocal.setOnAction(e -> vm.chooseAll(Side.LOCAL));
        Button allServer = PanelParts.button("takeAllServer", i18n.t("ui.admin.conflicts.all_server"),
                MaterialDesignS.SERVER);
        allServer.disableProperty().bind(cannotResolve);
        allServer.setOnAction(e -> vm.chooseAll(Side.SERVER));
        Button resolve = PanelParts.button("resolveButton", i18n.t("ui.admin.conflicts.resolve"),
                MaterialDesignC.CHECK);
        resolve.getStyleClass().add(Styles.ACCENT);
        resolve.disableProperty().bind(cannotResolve);
        resolve.setOnAction(e -> vm.resolveSelected());
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, allLocal, allServer, resolve);
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(true);
        VBox right = new VBox(8, detailTitle, detailMeta, gridScroll, actions);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        right.setId("conflictDetail");
        right.getStyleClass().add("admin-detail");

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = PanelParts.page(filters, split, PanelParts.progress(vm, "conflictProgress"),
                PanelParts.message(vm, "conflictMessage"));
        root.setId("conflictsPanel");
        vm.choices().addListener((MapChangeListener<String, Side>) change -> syncToggles());
        showDetail(null);
    }

    private List<UUID> selectedIds() {
        return table.getSelectionModel().getSelectedItems().stream().filter(Conflict::open).map(Conflict::id).toList();
    }

    private void showDetail(Conflict c) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        if (c == null) {
            detailTitle.setText(i18n.t("ui.admin.conflicts.pick"));
            detailMeta.setText("");
            return;
        }
        detailTitle.setText(vm.describe(c));
        detailMeta.setText(c.open()
                ? i18n.t("ui.admin.conflicts.meta_open", i18n.dateTime(c.detectedAt().atZone(ctx.zone())), c.strategy(),
                        ConflictsViewModel.shortId(c.deviceId()))
                : i18n.t("ui.admin.conflicts.meta_resolved", i18n.dateTime(c.detectedAt().atZone(ctx.zone())),
                        c.resolvedBy(), i18n.dateTime(c.resolvedAt().atZone(ctx.zone())), c.resolution()));
        for (int i = 0; i < 5; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(i == 0 || i == 4 ? Priority.NEVER : Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        String[] heads = {"ui.admin.conflicts.field", "ui.admin.conflicts.base", "ui.admin.conflicts.local",
                "ui.admin.conflicts.server", "ui.admin.conflicts.keep"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(i18n.t(heads[i]));
            h.getStyleClass().add(Styles.TEXT_BOLD);
            grid.add(h, i, 0);
        }
        int row = 1;
        for (ConflictField f : c.fields()) {
            Label name = Forms.id(new Label(vm.fieldName(f.field())), "field-" + f.field());
            Label base = cell(vm.value(f.base()), "base-" + f.field(), false);
            Label local = cell(vm.value(f.local()), "local-" + f.field(),
                    !java.util.Objects.equals(f.local(), f.base()));
            Label server = cell(vm.value(f.server()), "server-" + f.field(),
                    !java.util.Objects.equals(f.server(), f.base()));
            if (ConflictsViewModel.differs(f)) {
                name.getStyleClass().add("conflict-differs");
            }
            ToggleGroup group = new ToggleGroup();
            ToggleButton takeLocal = Forms.id(new ToggleButton(i18n.t("ui.admin.conflicts.side_local")),
                    "choice-" + f.field() + "-local");
            ToggleButton takeServer = Forms.id(new ToggleButton(i18n.t("ui.admin.conflicts.side_server")),
                    "choice-" + f.field() + "-server");
            takeLocal.setUserData(Side.LOCAL);
            takeServer.setUserData(Side.SERVER);
            takeLocal.setToggleGroup(group);
            takeServer.setToggleGroup(group);
            takeLocal.getStyleClass().add(Styles.LEFT_PILL);
            takeServer.getStyleClass().add(Styles.RIGHT_PILL);
            takeLocal.setDisable(!c.open());
            takeServer.setDisable(!c.open());
            group.selectedToggleProperty().addListener((obs, o, t) -> {
                if (t == null) {
                    o.setSelected(true); // one side is always chosen
                } else {
                    vm.choose(f.field(), (Side) t.getUserData());
                }
            });
            name.setMinWidth(Region.USE_PREF_SIZE);
            takeLocal.setMinWidth(Region.USE_PREF_SIZE);
            takeServer.setMinWidth(Region.USE_PREF_SIZE);
            HBox keep = new HBox(takeLocal, takeServer);
            keep.setMinWidth(Region.USE_PREF_SIZE);
            keep.setUserData(f.field());
            grid.add(name, 0, row);
            grid.add(base, 1, row);
            grid.add(local, 2, row);
            grid.add(server, 3, row);
            grid.add(keep, 4, row);
            row++;
        }
        syncToggles();
    }

    private static Label cell(String text, String id, boolean changed) {
        Label l = Forms.id(new Label(text), id);
        l.setWrapText(true);
        l.getStyleClass().add("conflict-value");
        if (changed) {
            l.getStyleClass().add("conflict-changed");
        }
        return l;
    }

    /** Reflects the view model's choices (e.g. after "take all") in the toggles. */
    private void syncToggles() {
        for (var node : grid.getChildren()) {
            if (node instanceof HBox keep && keep.getUserData() instanceof String field) {
                Side side = vm.choices().get(field);
                for (var child : keep.getChildren()) {
                    if (child instanceof ToggleButton t && t.getUserData() == side && !t.isSelected()) {
                        t.setSelected(true); // its group unselects the other side
                    }
                }
            }
        }
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
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
