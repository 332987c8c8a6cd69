package br.com.prontivus.monitor;

import br.com.prontivus.i18n.Messages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database monitor: on an interval it samples PostgreSQL, SQLite, the machine and the sync
 * queue, judges the health checks against the stored thresholds, records the sample, raises one
 * alert per state change of a check (log line, alert history, {@link AlertListener}s) and prunes
 * samples older than the retention. A sample never throws: what cannot be read is reported as
 * unavailable. One daemon thread; start and stop may be called from any thread.
 *
 * <p>The same object answers one-off questions ({@link #sampleNow()}, {@link #history}) for the
 * command line and the admin panels.
 */
public final class MonitorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /**
     * @param interval time between samples (the first is taken at start)
     * @param retentionDays samples older than this are deleted (OFFLINE_DATA_RETENTION_DAYS)
     * @param source names this installation in the history (shared tables in cloud mode)
     */
    public record Settings(Duration interval, int retentionDays, String source, Locale locale, Clock clock) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

        public Settings {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(clock, "clock");
            if (interval.toMillis() < 100 || retentionDays < 1) {
                throw new IllegalArgumentException("interval must be at least 100 ms and retention at least 1 day");
            }
        }

        public Settings withInterval(Duration d) {
            return new Settings(d, retentionDays, source, locale, clock);
        }
    }

    private final MonitorStore store;
    private final SqliteSampler sqlite;
    private final PostgresSampler postgres;
    private final SystemSampler system;
    private final SyncHealthSource sync;
    private final StatementTimings timings;
    private volatile Settings settings;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private ScheduledExecutorService executor;
    private volatile Sample last;
    private final Object sampling = new Object(); // not the start/stop lock: stop() waits for a sample
    private Instant lastPrune = Instant.MIN;

    /**
     * @param store where history, thresholds and alerts live (the local SQLite file; PostgreSQL in cloud mode)
     * @param sqlite null in cloud mode
     * @param postgres null when no server is configured
     * @param sync null when this installation does not sync
     */
    public MonitorService(MonitorStore store, SqliteSampler sqlite, PostgresSampler postgres, SystemSampler system,
                          SyncHealthSource sync, StatementTimings timings, Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.sqlite = sqlite;
        this.postgres = postgres;
        this.system = Objects.requireNonNull(system, "system");
        this.sync = sync;
        this.timings = Objects.requireNonNull(timings, "timings");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** Changes the time between samples; takes effect at the next {@link #start()}. */
    public synchronized void interval(Duration interval) {
        settings = settings.withInterval(interval);
    }

    public StatementTimings timings() {
        return timings;
    }

    public MonitorStore store() {
        return store;
    }

    public void addAlertListener(AlertListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeAlertListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** Samples on the interval until {@link #stop()}; the first sample is taken at once. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prontivus-monitor");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tickQuietly, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Monitor started: a sample every {} s", settings.interval().toMillis() / 1000.0);
    }

    /** Stops sampling; waits for a sample in progress to finish (a few seconds at most). */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        LOG.info("Monitor stopped");
    }

    public synchronized boolean running() {
        return executor != null;
    }

    /** The latest sample taken by {@link #tick()}, if any. */
    public Optional<Sample> lastSample() {
        return Optional.ofNullable(last);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            // An exception would cancel every later sample: log it and carry on at the next interval.
            LOG.error("Monitor sample failed", e);
        }
    }

    /**
     * One sample: read, judge, record the sample, raise alerts for changed checks, prune old
     * samples once an hour. Returns the sample even when recording it failed.
     */
    public Sample tick() {
        synchronized (sampling) {
            return tickLocked();
        }
    }

    private Sample tickLocked() {
        Sample sample = sampleNow();
        last = sample;
        try {
            store.saveSample(sample);
            for (CheckResult check : sample.checks()) {
                store.transition(settings.source(), check, sample.takenAt()).ifPresent(this::announce);
            }
            if (Duration.between(lastPrune, sample.takenAt()).compareTo(PRUNE_EVERY) >= 0) {
                prune(sample.takenAt());
            }
        } catch (RuntimeException e) {
            LOG.warn("Monitor could not record its sample: {}", MetricGroup.reason(e));
        }
        return sample;
    }

    /** Deletes samples older than the retention; returns how many went. */
    public int prune(Instant now) {
        int removed = store.pruneSamples(now.minus(Duration.ofDays(settings.retentionDays())));
        lastPrune = now;
        if (removed > 0) {
            LOG.info("Monitor history: removed {} samples older than {} days", removed, settings.retentionDays());
        }
        return removed;
    }

    private void announce(Alert alert) {
        String line = Messages.get(settings.locale(), "monitor.alert", alert.check(), alert.from().name(),
                alert.to().name(), alert.message());
        if (alert.to() == HealthStatus.OK) {
            LOG.info(line);
        } else if (alert.to() == HealthStatus.WARN) {
            LOG.warn(line);
        } else {
            LOG.error(line);
        }
        for (AlertListener l : listeners) {
            try {
                l.alert(alert);
            } catch (RuntimeException e) {
                LOG.warn("An alert listener failed", e);
            }
        }
    }

    /**
     * Reads everything and judges the checks, without recording anything. Statement timings are
     * those since the previous sample (since the start of the process for the first one).
     */
    public Sample sampleNow() {
        long cpuStart = cpuNanos();
        long wallStart = System.nanoTime();
        Instant now = Instant.now(settings.clock());
        MetricGroup pg = postgres == null ? null : postgres.sample();
        MetricGroup local = sqlite == null ? null : sqlite.sample();
        MetricGroup sys = system.sample();
        MetricGroup syncGroup = sync == null ? null : syncSample();
        StatementTimings.Snapshot window = timings.drainInterval();
        Map<Threshold.Metric, Threshold> limits;
        try {
            limits = store.thresholds();
        } catch (RuntimeException e) {
            LOG.debug("Thresholds unreadable, using the defaults: {}", MetricGroup.reason(e));
            limits = new java.util.EnumMap<>(Threshold.Metric.class);
            for (Threshold.Metric m : Threshold.Metric.values()) {
                limits.put(m, m.defaults());
            }
        }
        List<CheckResult> checks = HealthChecks.evaluate(pg, local, sys, syncGroup, window, limits, settings.locale());
        double cpuMs = (cpuNanos() - cpuStart) / 1e6;
        double wallMs = (System.nanoTime() - wallStart) / 1e6;
        return new Sample(now, settings.source(), pg, local, sys, syncGroup, window, checks,
                Math.round(cpuMs * 1000) / 1000.0, Math.round(wallMs * 1000) / 1000.0);
    }

    private MetricGroup syncSample() {
        MetricGroup g = new MetricGroup();
        reading(g, "queue_age_minutes", () -> Math.round(sync.oldestPendingAgeSeconds() / 6.0) / 10.0);
        reading(g, "pending_ops", sync::pendingOps);
        reading(g, "parked_ops", sync::parkedOps);
        reading(g, "open_conflicts", sync::openConflicts);
        return g;
    }

    private static void reading(MetricGroup g, String key, java.util.function.Supplier<Object> read) {
        try {
            g.put(key, StatementTimings.untimed(read));
        } catch (RuntimeException e) {
            g.unavailable(key, MetricGroup.reason(e));
        }
    }

    private long cpuNanos() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    public Map<Threshold.Metric, Threshold> thresholds() {
        return store.thresholds();
    }

    public void setThreshold(Threshold threshold, String who) {
        store.saveThreshold(threshold, who, Instant.now(settings.clock()));
        LOG.info("Monitor threshold {} set to warn {} / critical {} by {}", threshold.metric().key(),
                threshold.warn(), threshold.critical(), who);
    }

    public List<HistoryPoint> history(Duration since) {
        return store.history(Instant.now(settings.clock()).minus(since), settings.source(), false);
    }

    public List<Alert> alerts(Duration since) {
        return store.alerts(Instant.now(settings.clock()).minus(since), settings.source());
    }

    @Override
    public void close() {
        stop();
        if (postgres != null) {
            postgres.close();
        }
    }
}
