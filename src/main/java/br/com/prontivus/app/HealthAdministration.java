package br.com.prontivus.app;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.monitor.Alert;
import br.com.prontivus.monitor.AlertListener;
import br.com.prontivus.monitor.CheckResult;
import br.com.prontivus.monitor.HealthStatus;
import br.com.prontivus.monitor.HistoryPoint;
import br.com.prontivus.monitor.MonitorLock;
import br.com.prontivus.monitor.MonitorService;
import br.com.prontivus.monitor.Sample;
import br.com.prontivus.monitor.Threshold;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the health dashboard of the admin area does with the database monitor: start it (or find
 * the one already sampling this data directory), read the checks, the history and the alerts, and
 * change thresholds. Like {@link Administration}, every method refuses anyone but an administrator
 * and a change is written to the audit log. Blocking calls: the UI runs them on its background
 * executor.
 *
 * <p>One monitor per data directory (ADR 0008): the dashboard starts this process's monitor only
 * when it can take {@link MonitorLock}; when {@code prontivus monitor start} already runs for the
 * directory, the dashboard reads the history that one records and judges the checks with a one-off
 * sample, without starting a second sampler.
 */
public final class HealthAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(HealthAdministration.class);
    /** The alert history shows at most this many, newest first. */
    public static final int ALERT_LIMIT = 200;

    /** Who samples this data directory. */
    public enum Runner { THIS_DESKTOP, ANOTHER_PROCESS }

    /**
     * What the dashboard shows: the checks of the latest sample (taken now when there is none), the
     * stored history and alerts of the window, the thresholds in force, who samples, how often, and
     * why the stored part could not be read (null when it could; the defaults stand in for thresholds).
     */
    public record Dashboard(Instant takenAt, List<CheckResult> checks, HealthStatus overall,
                            List<HistoryPoint> history, List<Alert> alerts, Map<Threshold.Metric, Threshold> thresholds,
                            Runner runner, long otherPid, Duration interval, String historyProblem) {
    }

    private final Prontivus app;
    private MonitorLock lock; // held while this process's monitor samples the directory

    public HealthAdministration(Prontivus app) {
        this.app = Objects.requireNonNull(app, "app");
    }

    private MonitorService monitor() {
        return app.monitor();
    }

    private Path directory() {
        return app.config().dataDirectory();
    }

    /**
     * Makes sure the data directory is sampled: reuses this process's running monitor, leaves a
     * monitor of another process alone, otherwise takes the lock and starts one here.
     */
    public synchronized Runner ensureRunning(Actor actor) {
        Administration.requireAdmin(actor);
        MonitorService m = monitor();
        if (m.running()) {
            return Runner.THIS_DESKTOP;
        }
        if (lock != null) { // our monitor was stopped (the app closes it): give the directory back first
            lock.close();
            lock = null;
        }
        Optional<MonitorLock> acquired = MonitorLock.tryAcquire(directory(), m.settings().interval().toSeconds());
        if (acquired.isEmpty()) {
            return Runner.ANOTHER_PROCESS;
        }
        lock = acquired.get();
        m.start();
        LOG.info("Health dashboard started the database monitor for {} (opened by {})", directory(), actor.name());
        return Runner.THIS_DESKTOP;
    }

    /** Stops this process's monitor (if the dashboard started it) and releases the directory. */
    public synchronized void stop() {
        monitor().stop();
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /**
     * Reads everything the dashboard shows; starts the monitor if nobody samples. {@code history}
     * is how far back the charts go, {@code alerts} how far back the alert history goes.
     */
    public Dashboard dashboard(Actor actor, Duration history, Duration alerts) {
        Runner runner = ensureRunning(actor);
        MonitorService m = monitor();
        Sample latest = runner == Runner.THIS_DESKTOP ? m.lastSample().orElse(null) : null;
        if (latest == null) {
            latest = m.sampleNow(); // judged now, not recorded: the sampler records its own
        }
        // Each stored part fails alone (e.g. the monitor's tables rolled back): the cards still show.
        List<String> problems = new java.util.ArrayList<>();
        List<Alert> raised = read(() -> m.alerts(alerts), List.of(), problems);
        List<Alert> newestFirst = raised.reversed();
        if (newestFirst.size() > ALERT_LIMIT) {
            newestFirst = newestFirst.subList(0, ALERT_LIMIT);
        }
        List<HistoryPoint> points = read(() -> m.history(history), List.of(), problems);
        Map<Threshold.Metric, Threshold> limits = read(m::thresholds, null, problems);
        if (limits == null) {
            limits = new java.util.EnumMap<>(Threshold.Metric.class);
            for (Threshold.Metric metric : Threshold.Metric.values()) {
                limits.put(metric, metric.defaults());
            }
        }
        long pid = runner == Runner.ANOTHER_PROCESS
                ? MonitorLock.running(directory()).map(MonitorLock.Holder::pid).orElse(-1L) : ProcessHandle.current().pid();
        return new Dashboard(latest.takenAt(), List.copyOf(latest.checks()), latest.overall(), points,
                List.copyOf(newestFirst), limits, runner, pid, m.settings().interval(),
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static <T> T read(java.util.function.Supplier<T> what, T fallback, List<String> problems) {
        try {
            return what.get();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("").strip();
            if (!problems.contains(reason)) {
                problems.add(reason);
            }
            return fallback;
        }
    }

    /** Changes one threshold; audited with the old and new levels. */
    public void setThreshold(Actor actor, Threshold threshold) {
        Administration.requireAdmin(actor);
        Threshold before = monitor().thresholds().get(threshold.metric());
        monitor().setThreshold(threshold, actor.name());
        audit(actor, "monitor.threshold", threshold.metric().key() + ": warning " + level(before, true) + " → "
                + threshold.warn() + ", critical " + level(before, false) + " → " + threshold.critical());
    }

    /** Puts one threshold back to the default the code ships with; audited. */
    public Threshold resetThreshold(Actor actor, Threshold.Metric metric) {
        Administration.requireAdmin(actor);
        Threshold before = monitor().thresholds().get(metric);
        monitor().store().resetThreshold(metric);
        Threshold now = metric.defaults();
        audit(actor, "monitor.threshold", metric.key() + " reset to the defaults: warning " + level(before, true)
                + " → " + now.warn() + ", critical " + level(before, false) + " → " + now.critical());
        return now;
    }

    /** Told of each alert this process's monitor raises (on the monitor's thread). */
    public void addAlertListener(AlertListener listener) {
        monitor().addAlertListener(listener);
    }

    public void removeAlertListener(AlertListener listener) {
        monitor().removeAlertListener(listener);
    }

    private static String level(Threshold t, boolean warn) {
        return t == null ? "?" : String.valueOf(warn ? t.warn() : t.critical());
    }

    private void audit(Actor actor, String action, String summary) {
        app.services().data().write(actor, tx -> {
            tx.audit(action, "monitor_thresholds", null, summary);
            return null;
        });
    }
}
