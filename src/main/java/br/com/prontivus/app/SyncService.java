package br.com.prontivus.app;

import br.com.prontivus.config.SyncSettings;
import br.com.prontivus.store.Database;
import br.com.prontivus.sync.Backoff;
import br.com.prontivus.sync.ChangeListener;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.LinkState;
import br.com.prontivus.sync.SyncEngine;
import br.com.prontivus.sync.SyncRefusedException;
import br.com.prontivus.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync engine in the background of the desktop app (DESIGN.md invariant 7). One
 * single-thread executor owns every cycle, so two never overlap; requests made while a cycle is
 * queued are coalesced into it, a request made while one runs queues exactly one more. Callers never
 * wait: {@link #requestSync} returns at once. Cycles are triggered
 * <ul>
 *   <li>every SYNC_INTERVAL_SECONDS (skipped while the link is known to be OFFLINE);</li>
 *   <li>at start when OFFLINE_SYNC_ON_STARTUP;</li>
 *   <li>on demand ({@link #requestSync});</li>
 *   <li>on reconnect: the {@link ConnectionMonitor} going from OFFLINE to ONLINE or DEGRADED;</li>
 *   <li>within seconds of another desktop's push: PostgreSQL LISTEN on the clinic's channel. A
 *       notification whose version this desktop has already pulled (its own push, typically) is
 *       ignored: the check runs on the sync thread, after any cycle in flight.</li>
 * </ul>
 * Listeners get a {@link Snapshot} after each cycle and link transition, on the service's threads:
 * a JavaFX view must hop to the UI thread (Platform.runLater) itself.
 */
public final class SyncService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(15);

    /** What the status bar and admin panels show. */
    public record Snapshot(LinkState link, Double latencyMillis, boolean running, boolean listening, long cycles,
                           Instant lastCycleAt, SyncEngine.Report lastReport, String lastError, int pending,
                           int parked, int openConflicts, long cursor) {
    }

    @FunctionalInterface
    public interface Listener {
        void changed(Snapshot snapshot);
    }

    private final SyncEngine engine;
    private final Database local;
    private final SyncSettings settings;
    private final ConnectionMonitor monitor;
    private final ChangeListener changes;
    private final Duration probeInterval;
    private final Duration interval;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong cycles = new AtomicLong();
    private final ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Instant lastCycleAt;
    private volatile SyncEngine.Report lastReport;
    private volatile String lastError;

    public SyncService(SyncEngine engine, Database local, SyncSettings settings, ConnectionMonitor monitor,
                       ChangeListener.ConnectionFactory listenConnections, UUID clinicId, Duration probeInterval) {
        this(engine, local, settings, monitor, listenConnections, clinicId, probeInterval,
                Duration.ofSeconds(settings.intervalSeconds()));
    }

    /** As above with the cycle interval given directly (tests use sub-second intervals). */
    public SyncService(SyncEngine engine, Database local, SyncSettings settings, ConnectionMonitor monitor,
                       ChangeListener.ConnectionFactory listenConnections, UUID clinicId, Duration probeInterval,
                       Duration interval) {
        this.engine = engine;
        this.local = local;
        this.settings = settings;
        this.monitor = monitor;
        this.probeInterval = probeInterval;
        this.interval = interval;
        this.changes = listenConnections == null ? null
                : new ChangeListener(listenConnections, clinicId, this::notified, Backoff.DEFAULT, 1_000);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prontivus-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the triggers. Idempotent. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        monitor.addListener((previous, current) -> {
            if (previous.state() == LinkState.OFFLINE && current.state() != LinkState.OFFLINE
                    && previous.checkedAt() != null) {
                requestSync("reconnect");
            }
            publish();
        });
        monitor.start(probeInterval);
        if (changes != null) {
            changes.start();
        }
        if (settings.syncOnStartup()) {
            requestSync("startup");
        }
        long every = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            ConnectionMonitor.Status link = monitor.status();
            if (link.state() == LinkState.OFFLINE && link.checkedAt() != null) {
                LOG.debug("Interval sync skipped: the server is unreachable ({})", link.lastError());
                return;
            }
            requestSync("interval");
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Asks for a cycle as soon as possible; returns at once. Coalesced with any request not yet running. */
    public void requestSync(String reason) {
        if (closed) {
            return;
        }
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> cycle(reason));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closing
            }
        }
    }

    public void requestSync() {
        requestSync("demand");
    }

    private void notified(long version) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                // Runs after any cycle in flight: our own push is pulled by then, so its echo is ignored.
                if (version < 0 || version > SyncStatus.read(local).cursor()) {
                    requestSync("notify");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    private void cycle(String reason) {
        queued.set(false); // a request arriving from now on queues one more cycle
        running = true;
        publish();
        try {
            SyncEngine.Report report = engine.syncNow();
            lastReport = report;
            lastError = report.error();
            LOG.debug("Sync ({}) done: {}", reason, report);
        } catch (SyncRefusedException e) {
            lastError = e.getMessage();
            LOG.warn("Sync ({}) refused: {}", reason, e.getMessage());
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("Sync ({}) failed", reason, e);
        } finally {
            running = false;
            lastCycleAt = Instant.now();
            cycles.incrementAndGet();
            publish();
        }
    }

    public Snapshot snapshot() {
        ConnectionMonitor.Status link = monitor.status();
        SyncStatus status;
        try {
            status = SyncStatus.read(local);
        } catch (RuntimeException e) {
            status = null;
        }
        return new Snapshot(link.state(), link.latencyMillis(), running, changes != null && changes.listening(),
                cycles.get(), lastCycleAt, lastReport, lastError,
                status == null ? 0 : status.pending(), status == null ? 0 : status.parked(),
                status == null ? 0 : status.openConflicts(), status == null ? 0 : status.cursor());
    }

    public ConnectionMonitor monitor() {
        return monitor;
    }

    /** True while the LISTEN connection is open. */
    public boolean listening() {
        return changes != null && changes.listening();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        Snapshot snapshot = snapshot();
        for (Listener listener : listeners) {
            try {
                listener.changed(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("Sync listener failed", e);
            }
        }
    }

    /** Stops the triggers and lets a cycle in flight finish (bounded wait). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        monitor.close();
        if (changes != null) {
            changes.close();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
