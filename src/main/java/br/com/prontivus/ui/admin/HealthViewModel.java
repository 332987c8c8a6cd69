package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.app.HealthAdministration;
import br.com.prontivus.monitor.Alert;
import br.com.prontivus.monitor.AlertListener;
import br.com.prontivus.monitor.CheckResult;
import br.com.prontivus.monitor.HistoryPoint;
import br.com.prontivus.monitor.Threshold;
import br.com.prontivus.ui.DeskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The health dashboard: the checks of the latest sample, the history behind the charts, the alert
 * history and the thresholds. Opening it starts the database monitor (or finds the one already
 * sampling); while it is shown it reloads on an interval (the view drives the timer), and an alert
 * that arrives meanwhile is handed to {@link #onNewAlert} once.
 */
public final class HealthViewModel extends PanelModel {

    /** How far back the charts go. */
    public enum Window {
        HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

        private final Duration span;

        Window(Duration span) {
            this.span = span;
        }

        public Duration span() {
            return span;
        }
    }

    /** The metrics the charts draw, each from one column of the history. */
    public enum Series {
        QUERY_P95(HistoryPoint::queryP95Ms, 1),
        CONNECTIONS(p -> p.pgConnections() == null ? null : p.pgConnections().doubleValue(), 1),
        CACHE_HIT(HistoryPoint::cacheHitRatio, 100),
        CPU(HistoryPoint::cpuLoad, 100),
        MEMORY(HistoryPoint::memoryUsedPercent, 1),
        DISK_FREE(HistoryPoint::diskFreePercent, 1);

        private final Function<HistoryPoint, Double> read;
        private final double scale;

        Series(Function<HistoryPoint, Double> read, double scale) {
            this.read = read;
            this.scale = scale;
        }

        /** The point's value in the chart's unit (ratios as percentages), null when not read. */
        public Double value(HistoryPoint p) {
            Double v = read.apply(p);
            return v == null || v.isNaN() ? null : v * scale;
        }
    }

    /** One point of a chart: seconds since the epoch and the value. */
    public record Point(long epochSecond, double value) {
    }

    /** A chart draws at most this many points: longer windows are averaged into buckets. */
    static final int MAX_POINTS = 240;
    /** The alert history goes this far back. */
    static final Duration ALERT_SPAN = Duration.ofDays(30);

    private final HealthAdministration health;
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableMap<Series, List<Point>> series = FXCollections.observableMap(new EnumMap<>(Series.class));
    private final ObservableMap<Threshold.Metric, Threshold> thresholds =
            FXCollections.observableMap(new EnumMap<>(Threshold.Metric.class));
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(this, "window", Window.HOUR);
    private final ObjectProperty<HealthAdministration.Dashboard> dashboard = new SimpleObjectProperty<>(this, "dashboard");
    private final ReadOnlyIntegerWrapper loads = new ReadOnlyIntegerWrapper(this, "loads");
    private Consumer<Alert> onNewAlert = a -> { };
    private long lastAlertId = -1; // -1 until the first load: alerts older than the opening are history, not news
    private boolean loading;
    private boolean reloadAgain;
    private final AlertListener listener = alert -> Platform.runLater(this::refresh);

    public HealthViewModel(DeskContext ctx, Administration admin, HealthAdministration health) {
        super(ctx, admin);
        this.health = health;
        window.addListener((obs, o, n) -> reload());
    }

    /** Called when the panel is shown: listen for alerts of this process's monitor, then load. */
    public void open() {
        health.removeAlertListener(listener);
        health.addAlertListener(listener);
        reload();
    }

    /** The panel was hidden or the window closed: stop listening (the monitor keeps sampling). */
    public void close() {
        health.removeAlertListener(listener);
    }

    @Override
    public void reload() {
        load(true);
    }

    /** A quiet reload (the timer, an alert): no progress line, skipped while one is running. */
    public void refresh() {
        load(false);
    }

    private void load(boolean visible) {
        if (loading) {
            reloadAgain = visible || reloadAgain;
            return;
        }
        loading = true;
        Duration span = window.get().span();
        // Never throws: a failure comes back as the result, so the "loading" flag is always cleared.
        java.util.concurrent.Callable<Loaded> read = () -> {
            try {
                HealthAdministration.Dashboard d = health.dashboard(actor(), span, ALERT_SPAN);
                Map<Series, List<Point>> drawn = new EnumMap<>(Series.class);
                for (Series s : Series.values()) {
                    drawn.put(s, points(d.history(), s));
                }
                return new Loaded(d, drawn, null);
            } catch (RuntimeException e) {
                return new Loaded(null, null, e);
            }
        };
        Consumer<Loaded> apply = loaded -> {
            finishLoad();
            if (loaded.failure() != null) {
                error(i18n.error(loaded.failure()));
            } else {
                show(loaded);
            }
        };
        if (visible) {
            work(i18n.t("ui.admin.health.reading"), read, apply);
        } else {
            ctx.background().run(read, apply, failure -> {
                finishLoad();
                error(i18n.error(failure));
            });
        }
    }

    private record Loaded(HealthAdministration.Dashboard dashboard, Map<Series, List<Point>> series, Throwable failure) {
    }

    private void finishLoad() {
        loading = false;
        if (reloadAgain) {
            reloadAgain = false;
            Platform.runLater(this::reload);
        }
    }

    private void show(Loaded loaded) {
        HealthAdministration.Dashboard d = loaded.dashboard();
        dashboard.set(d);
        checks.setAll(d.checks());
        alerts.setAll(d.alerts());
        series.putAll(loaded.series());
        thresholds.putAll(d.thresholds());
        long newest = d.alerts().stream().mapToLong(Alert::id).max().orElse(0);
        if (lastAlertId >= 0) {
            List<Alert> fresh = new ArrayList<>(d.alerts().stream().filter(a -> a.id() > lastAlertId).toList());
            fresh.sort(java.util.Comparator.comparingLong(Alert::id));
            fresh.forEach(onNewAlert);
        }
        lastAlertId = Math.max(lastAlertId, newest);
        if (d.historyProblem() != null) {
            error(i18n.t("ui.admin.health.history_unreadable", d.historyProblem()));
        }
        loads.set(loads.get() + 1);
    }

    /** The window's values of one series, averaged into at most {@link #MAX_POINTS} buckets. */
    public static List<Point> points(List<HistoryPoint> history, Series s) {
        List<HistoryPoint> read = history.stream().filter(p -> s.value(p) != null).toList();
        if (read.isEmpty()) {
            return List.of();
        }
        if (read.size() <= MAX_POINTS) {
            return read.stream().map(p -> new Point(p.takenAt().getEpochSecond(), s.value(p))).toList();
        }
        long first = read.getFirst().takenAt().getEpochSecond();
        long last = read.getLast().takenAt().getEpochSecond();
        double width = Math.max(1, (last - first + 1) / (double) MAX_POINTS);
        List<Point> out = new ArrayList<>();
        int bucket = -1;
        double sum = 0;
        long secs = 0;
        int n = 0;
        for (HistoryPoint p : read) {
            long t = p.takenAt().getEpochSecond();
            int b = (int) Math.min(MAX_POINTS - 1, (t - first) / width);
            if (b != bucket && n > 0) {
                out.add(new Point(secs / n, sum / n));
                sum = 0;
                secs = 0;
                n = 0;
            }
            bucket = b;
            sum += s.value(p);
            secs += t;
            n++;
        }
        if (n > 0) {
            out.add(new Point(secs / n, sum / n));
        }
        return out;
    }

    /**
     * Saves the warning and critical levels typed for {@code metric} (a comma or a point as the
     * decimal mark); says what is wrong instead when they are not numbers or in the wrong order.
     */
    public void saveThreshold(Threshold.Metric metric, String warnText, String criticalText) {
        Double warn = number(warnText);
        Double critical = number(criticalText);
        String name = i18n.t("ui.admin.health.metric." + metric.name().toLowerCase(java.util.Locale.ROOT));
        if (warn == null || critical == null) {
            error(i18n.t("ui.admin.health.threshold_not_number", name));
            return;
        }
        if (metric.higherIsWorse() ? critical < warn : critical > warn) {
            error(i18n.t(metric.higherIsWorse() ? "ui.admin.health.threshold_order_higher"
                    : "ui.admin.health.threshold_order_lower", name));
            return;
        }
        Threshold t = new Threshold(metric, warn, critical);
        work(i18n.t("ui.admin.health.saving"), () -> {
            health.setThreshold(actor(), t);
            return t;
        }, saved -> {
            thresholds.put(metric, saved);
            info(i18n.t("ui.admin.health.threshold_saved", name));
            refresh();
        });
    }

    public void resetThreshold(Threshold.Metric metric) {
        String name = i18n.t("ui.admin.health.metric." + metric.name().toLowerCase(java.util.Locale.ROOT));
        work(i18n.t("ui.admin.health.saving"), () -> health.resetThreshold(actor(), metric), saved -> {
            thresholds.put(metric, saved);
            info(i18n.t("ui.admin.health.threshold_reset", name));
            refresh();
        });
    }

    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip().replace(',', '.'));
            return Double.isFinite(v) && v >= 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Told of each alert raised after the dashboard was opened, once, oldest first (FX thread). */
    public void onNewAlert(Consumer<Alert> consumer) {
        this.onNewAlert = consumer == null ? a -> { } : consumer;
    }

    public Instant takenAt() {
        return dashboard.get() == null ? null : dashboard.get().takenAt();
    }

    public ObservableList<CheckResult> checks() { return checks; }
    public ObservableList<Alert> alerts() { return alerts; }
    public ObservableMap<Series, List<Point>> series() { return series; }
    public ObservableMap<Threshold.Metric, Threshold> thresholds() { return thresholds; }
    public ObjectProperty<Window> windowProperty() { return window; }
    public ObjectProperty<HealthAdministration.Dashboard> dashboardProperty() { return dashboard; }
    /** How many loads completed (tests wait on it). */
    public ReadOnlyIntegerProperty loadsProperty() { return loads.getReadOnlyProperty(); }
}
