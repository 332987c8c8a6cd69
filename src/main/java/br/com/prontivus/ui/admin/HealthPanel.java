package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.app.HealthAdministration;
import br.com.prontivus.monitor.Alert;
import br.com.prontivus.monitor.CheckResult;
import br.com.prontivus.monitor.HealthStatus;
import br.com.prontivus.monitor.Threshold;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The health dashboard: a card per health check, charts over time (JavaFX's own LineChart), the
 * alert history and the thresholds. Reloads every {@link #REFRESH} while it is shown; an alert
 * raised meanwhile shows a desktop notification and the message line.
 */
final class HealthPanel implements AdminPanel {

    /** How often the shown dashboard reloads (the monitor itself samples every 15 s). */
    static final Duration REFRESH = Duration.seconds(5);

    private final HealthViewModel vm;
    private final I18n i18n;
    private final DeskContext ctx;
    private final ScrollPane root;
    private final VBox page;
    private final GridPane cards = id(new GridPane(10, 10), "healthCards");
    private final Label summary = id(new Label(), "healthSummary");
    private final Label overall = id(new Label(), "healthOverall");
    private final Map<HealthViewModel.Series, LineChart<Number, Number>> charts = new EnumMap<>(HealthViewModel.Series.class);
    private final Map<HealthViewModel.Series, Label> empty = new EnumMap<>(HealthViewModel.Series.class);
    private final Map<Threshold.Metric, TextField[]> thresholdFields = new EnumMap<>(Threshold.Metric.class);
    private final Timeline timer;
    private final List<Alert> notified = new ArrayList<>();
    private Consumer<Alert> notifier = this::notifyDesktop;

    HealthPanel(DeskContext ctx, HealthViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        this.i18n = ctx.i18n();

        ComboBox<HealthViewModel.Window> window = id(new ComboBox<>(), "healthWindow");
        window.getItems().setAll(HealthViewModel.Window.values());
        window.valueProperty().bindBidirectional(vm.windowProperty());
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(HealthViewModel.Window w) {
                return w == null ? "" : i18n.t("ui.admin.health.window." + w.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public HealthViewModel.Window fromString(String s) {
                return null;
            }
        });
        Button refresh = PanelParts.button("healthRefresh", i18n.t("ui.admin.refresh"), MaterialDesignR.REFRESH);
        refresh.setOnAction(e -> vm.reload());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setWrapText(true);
        overall.getStyleClass().add("health-badge");
        overall.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        window.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox head = new HBox(12, overall, summary, PanelParts.spacer(), window, refresh);
        head.setAlignment(Pos.CENTER_LEFT);

        GridPane chartGrid = id(new GridPane(10, 10), "healthCharts");
        for (int i = 0; i < 3; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100 / 3.0);
            c.setHgrow(Priority.ALWAYS);
            chartGrid.getColumnConstraints().add(c);
        }
        int i = 0;
        for (HealthViewModel.Series s : HealthViewModel.Series.values()) {
            chartGrid.add(chart(s), i % 3, i / 3);
            i++;
        }

        TableView<Alert> alerts = id(new TableView<>(vm.alerts()), "healthAlerts");
        alerts.setPlaceholder(new Label(i18n.t("ui.admin.health.no_alerts")));
        alerts.setPrefHeight(180);
        alerts.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.health.alert_when"), 140, a -> time(a.raisedAt())),
                PanelParts.column(i18n.t("ui.admin.health.alert_check"), 150, a -> checkName(a.check())),
                PanelParts.column(i18n.t("ui.admin.health.alert_change"), 170, a -> a.from().label(i18n.locale())
                        + " → " + a.to().label(i18n.locale())),
                PanelParts.column(i18n.t("ui.admin.health.alert_value"), 90, a -> a.value() == null ? ""
                        : value(a.check(), a.value())),
                PanelParts.column(i18n.t("ui.admin.health.alert_message"), 520, Alert::message)));

        page = PanelParts.page(head, PanelParts.progress(vm, "healthProgress"), PanelParts.message(vm, "healthMessage"),
                cards, section("ui.admin.health.charts"), chartGrid, section("ui.admin.health.alerts"), alerts,
                section("ui.admin.health.thresholds"), thresholds());
        page.setId("healthPanel");
        root = new ScrollPane(page);
        root.setFitToWidth(true);
        root.getStyleClass().add("edge-to-edge");

        vm.checks().addListener((javafx.collections.ListChangeListener<CheckResult>) c -> showCards());
        vm.loadsProperty().addListener((obs, o, n) -> { // every load, even when a series did not change
            for (HealthViewModel.Series series : HealthViewModel.Series.values()) {
                draw(series, vm.series().getOrDefault(series, List.of()));
            }
        });
        vm.thresholds().addListener((MapChangeListener<Threshold.Metric, Threshold>) c -> {
            if (c.wasAdded()) {
                showThreshold(c.getValueAdded());
            }
        });
        vm.dashboardProperty().addListener((obs, o, d) -> showSummary(d));
        vm.onNewAlert(alert -> {
            notified.add(alert);
            String line = i18n.t("ui.admin.health.new_alert", checkName(alert.check()),
                    alert.to().label(i18n.locale()), alert.message());
            if (alert.to() == HealthStatus.OK) {
                vm.info(line);
            } else {
                vm.error(line);
            }
            notifier.accept(alert);
        });

        timer = new Timeline(new KeyFrame(REFRESH, e -> tick()));
        timer.setCycleCount(Animation.INDEFINITE);
    }

    /** Forms.id for controls (it also names them for screen readers), a plain id for other nodes. */
    private static <T extends javafx.scene.Node> T id(T node, String id) {
        if (node instanceof javafx.scene.control.Control c) {
            Forms.id(c, id);
        } else {
            node.setId(id);
        }
        return node;
    }

    private Label section(String key) {
        Label l = new Label(i18n.t(key));
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private StackPane chart(HealthViewModel.Series s) {
        String key = s.name().toLowerCase(Locale.ROOT);
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                Instant t = Instant.ofEpochSecond(n.longValue());
                String pattern = vm.windowProperty().get() == HealthViewModel.Window.HOUR ? "HH:mm" : "dd/MM HH:mm";
                return DateTimeFormatter.ofPattern(pattern, i18n.locale()).format(t.atZone(ctx.zone()));
            }

            @Override
            public Number fromString(String string) {
                return null;
            }
        });
        x.setMinorTickVisible(false);
        x.setAutoRanging(false); // every chart spans the chosen window, ending at the latest sample
        NumberAxis y = new NumberAxis();
        y.setLabel(i18n.t("ui.admin.health.unit." + key));
        if (s == HealthViewModel.Series.QUERY_P95 || s == HealthViewModel.Series.CONNECTIONS) {
            y.setForceZeroInRange(true);
        } else { // percentages: always the whole scale, so a glance compares them
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setUpperBound(100);
            y.setTickUnit(25);
        }
        LineChart<Number, Number> chart = id(new LineChart<>(x, y), "healthChart-" + key);
        chart.setTitle(i18n.t("ui.admin.health.chart." + key));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(190);
        chart.setMinHeight(170);
        chart.getStyleClass().add("health-chart");
        chart.getData().add(new XYChart.Series<>());
        Label none = id(new Label(i18n.t(s == HealthViewModel.Series.CONNECTIONS
                || s == HealthViewModel.Series.CACHE_HIT ? "ui.admin.health.no_server_data" : "ui.admin.health.no_data")),
                "healthChartEmpty-" + key);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.setMaxWidth(240);
        none.getStyleClass().add("health-chart-empty");
        charts.put(s, chart);
        empty.put(s, none);
        StackPane box = new StackPane(chart, none);
        box.getStyleClass().add("admin-card");
        return box;
    }

    private void draw(HealthViewModel.Series s, List<HealthViewModel.Point> points) {
        LineChart<Number, Number> chart = charts.get(s);
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (HealthViewModel.Point p : points) {
            data.add(new XYChart.Data<>(p.epochSecond(), p.value()));
        }
        chart.getData().getFirst().getData().setAll(data);
        HealthAdministration.Dashboard d = vm.dashboardProperty().get();
        if (d != null) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            long end = d.takenAt().getEpochSecond();
            long span = vm.windowProperty().get().span().toSeconds();
            x.setLowerBound(end - span);
            x.setUpperBound(end);
            x.setTickUnit(span / 6.0);
        }
        empty.get(s).setVisible(points.isEmpty());
        chart.setOpacity(points.isEmpty() ? 0.4 : 1);
        chart.setCreateSymbols(points.size() < 3); // a lone reading would be an invisible line
    }

    private void showCards() {
        List<VBox> built = new ArrayList<>();
        for (CheckResult c : vm.checks()) {
            Label name = new Label(checkName(c.check()));
            name.getStyleClass().add(Styles.TITLE_4);
            Label status = id(new Label(c.status().label(i18n.locale())), "healthStatus-" + c.check());
            status.getStyleClass().addAll("health-badge", badge(c.status()));
            status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.setMinWidth(0);
            Label val = id(new Label(c.value() == null ? i18n.t("ui.admin.health.no_value")
                    : value(c.check(), c.value())), "healthValue-" + c.check());
            val.getStyleClass().add(Styles.TITLE_3);
            Label message = new Label(c.message());
            message.setWrapText(true);
            message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            message.getStyleClass().add(Styles.TEXT_MUTED);
            name.setWrapText(true);
            message.setTooltip(new javafx.scene.control.Tooltip(c.message()));
            val.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            VBox card = id(new VBox(6, name, new HBox(status), val, message), "healthCard-" + c.check());
            card.getStyleClass().addAll("admin-card", "health-card", "health-" + c.status().name().toLowerCase(Locale.ROOT));
            card.setMaxHeight(Double.MAX_VALUE);
            built.add(card);
        }
        cards.getChildren().clear();
        cards.getColumnConstraints().clear();
        int perRow = Math.max(1, Math.min(5, built.size()));
        for (int i = 0; i < perRow; i++) {
            ColumnConstraints col = new ColumnConstraints();
            col.setPercentWidth(100.0 / perRow);
            col.setHgrow(Priority.ALWAYS);
            cards.getColumnConstraints().add(col);
        }
        for (int i = 0; i < built.size(); i++) {
            cards.add(built.get(i), i % perRow, i / perRow);
        }
    }

    private void showSummary(HealthAdministration.Dashboard d) {
        if (d == null) {
            return;
        }
        overall.setText(d.overall().label(i18n.locale()));
        overall.getStyleClass().removeAll("health-badge-ok", "health-badge-warn", "health-badge-critical");
        overall.getStyleClass().add(badge(d.overall()));
        long seconds = Math.max(1, d.interval().toSeconds());
        summary.setText(d.runner() == HealthAdministration.Runner.THIS_DESKTOP
                ? i18n.t("ui.admin.health.summary_here", time(d.takenAt()), seconds)
                : i18n.t("ui.admin.health.summary_elsewhere", time(d.takenAt()), d.otherPid()));
    }

    private GridPane thresholds() {
        GridPane grid = id(new GridPane(10, 6), "healthThresholds");
        grid.add(header("ui.admin.health.threshold_metric"), 0, 0);
        grid.add(header("ui.admin.health.threshold_warn"), 1, 0);
        grid.add(header("ui.admin.health.threshold_critical"), 2, 0);
        int row = 1;
        for (Threshold.Metric m : Threshold.Metric.values()) {
            String key = m.name().toLowerCase(Locale.ROOT);
            Label name = new Label(i18n.t("ui.admin.health.metric." + key));
            TextField warn = id(new TextField(), "thresholdWarn-" + key);
            TextField critical = id(new TextField(), "thresholdCritical-" + key);
            warn.setPrefColumnCount(7);
            critical.setPrefColumnCount(7);
            Button save = PanelParts.button("thresholdSave-" + key, i18n.t("ui.admin.health.threshold_save"),
                    org.kordamp.ikonli.materialdesign2.MaterialDesignC.CONTENT_SAVE);
            save.disableProperty().bind(vm.busyProperty());
            save.setOnAction(e -> vm.saveThreshold(m, warn.getText(), critical.getText()));
            Button reset = PanelParts.button("thresholdReset-" + key, i18n.t("ui.admin.health.threshold_default"),
                    org.kordamp.ikonli.materialdesign2.MaterialDesignR.RESTORE);
            reset.disableProperty().bind(vm.busyProperty());
            reset.setOnAction(e -> vm.resetThreshold(m));
            Label hint = new Label(i18n.t(m.higherIsWorse() ? "ui.admin.health.higher_is_worse"
                    : "ui.admin.health.lower_is_worse"));
            hint.getStyleClass().add(Styles.TEXT_MUTED);
            grid.addRow(row++, name, warn, critical, save, reset, hint);
            thresholdFields.put(m, new TextField[] {warn, critical});
        }
        return grid;
    }

    private Label header(String key) {
        Label l = new Label(i18n.t(key));
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private void showThreshold(Threshold t) {
        TextField[] f = thresholdFields.get(t.metric());
        if (f != null) {
            if (!f[0].isFocused()) {
                f[0].setText(number(t.warn()));
            }
            if (!f[1].isFocused()) {
                f[1].setText(number(t.critical()));
            }
        }
    }

    private String number(double v) {
        java.text.NumberFormat nf = java.text.NumberFormat.getNumberInstance(i18n.locale());
        nf.setGroupingUsed(false);
        nf.setMaximumFractionDigits(2);
        return nf.format(v);
    }

    private static String badge(HealthStatus s) {
        return "health-badge-" + s.name().toLowerCase(Locale.ROOT);
    }

    private String checkName(String check) {
        return i18n.t("ui.admin.health.check." + check);
    }

    private String value(String check, double v) {
        return i18n.t("ui.admin.health.value." + check, v);
    }

    private String time(Instant t) {
        return t == null ? "" : i18n.dateTime(t.atZone(ctx.zone()));
    }

    /** A desktop notification (ControlsFX) near the window; never lets a failure reach the dashboard. */
    private void notifyDesktop(Alert alert) {
        try {
            if (root.getScene() == null || root.getScene().getWindow() == null || !root.getScene().getWindow().isShowing()) {
                return;
            }
            Notifications n = Notifications.create()
                    .owner(root.getScene().getWindow())
                    .title(i18n.t("ui.admin.health.notification_title", checkName(alert.check()),
                            alert.to().label(i18n.locale())))
                    .text(alert.message())
                    .position(Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(10));
            switch (alert.to()) {
                case OK -> n.showInformation();
                case WARN -> n.showWarning();
                case CRITICAL -> n.showError();
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(HealthPanel.class).debug("Could not show the alert notification", e);
        }
    }

    /** Replaces the desktop notification (tests). */
    void notifier(Consumer<Alert> notifier) {
        this.notifier = notifier == null ? a -> { } : notifier;
    }

    /** The alerts this panel announced since it was built. */
    List<Alert> notified() {
        return List.copyOf(notified);
    }

    private boolean shown() {
        if (root.getScene() == null || root.getScene().getWindow() == null || !root.getScene().getWindow().isShowing()) {
            return false;
        }
        for (javafx.scene.Node n = root; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void tick() {
        if (shown()) {
            vm.refresh();
        } else {
            timer.stop();
            vm.close();
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        vm.open();
        timer.play();
    }
}
