package br.com.prontivus.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the link to the central server with a cheap probe on an interval and classifies it:
 * <ul>
 *   <li>OFFLINE — the last probe failed;</li>
 *   <li>DEGRADED — the last probe succeeded but took longer than the threshold, or one of the
 *       recent probes (the window) failed: the link is up but not to be trusted yet;</li>
 *   <li>ONLINE — otherwise.</li>
 * </ul>
 * Listeners hear every transition (on the monitor's own thread); the sync service uses
 * OFFLINE → ONLINE/DEGRADED as the "reconnected" trigger. Probes never run on the caller's thread
 * unless it asks for one ({@link #checkNow()}).
 */
public final class ConnectionMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionMonitor.class);

    /** One round trip to the server; returns its latency or throws when the server cannot be reached. */
    @FunctionalInterface
    public interface Probe {
        Duration probe() throws Exception;
    }

    /** The link as last seen. {@code latency} is null when the last probe failed or none ran yet. */
    public record Status(LinkState state, Duration latency, String lastError, Instant checkedAt,
                         int failuresInWindow, int window) {
        public Double latencyMillis() {
            return latency == null ? null : Math.round(latency.toNanos() / 1e5) / 10.0;
        }
    }

    /** Hears transitions of the link state. */
    @FunctionalInterface
    public interface Listener {
        void changed(Status previous, Status current);
    }

    public static final Duration DEFAULT_DEGRADED_THRESHOLD = Duration.ofMillis(500);
    public static final int DEFAULT_WINDOW = 5;

    private final Probe probe;
    private final Duration degradedThreshold;
    private final int window;
    private final Clock clock;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Status status;
    private ScheduledExecutorService scheduler;

    public ConnectionMonitor(Probe probe, Duration degradedThreshold, int window, Clock clock) {
        this.probe = probe;
        this.degradedThreshold = degradedThreshold;
        this.window = Math.max(1, window);
        this.clock = clock;
        this.status = new Status(LinkState.OFFLINE, null, "not checked yet", null, 0, this.window);
    }

    public ConnectionMonitor(Probe probe) {
        this(probe, DEFAULT_DEGRADED_THRESHOLD, DEFAULT_WINDOW, Clock.systemUTC());
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public Status status() {
        return status;
    }

    /** Probes every {@code interval} on a daemon thread of its own, starting now. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prontivus-link-monitor");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                checkNow();
            } catch (RuntimeException e) {
                LOG.warn("Link probe failed unexpectedly", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one probe now on the calling thread, updates the state and tells listeners of a transition. */
    public Status checkNow() {
        Duration latency = null;
        String error = null;
        try {
            latency = probe.probe();
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        }
        Status previous;
        Status current;
        synchronized (this) {
            recent.addLast(error == null);
            while (recent.size() > window) {
                recent.removeFirst();
            }
            int failures = (int) recent.stream().filter(ok -> !ok).count();
            current = new Status(classify(error == null, latency, failures, degradedThreshold), latency, error,
                    Instant.now(clock), failures, window);
            previous = status;
            status = current;
        }
        if (previous.state() != current.state()) {
            LOG.info("Link to the server: {} → {}{}", previous.state(), current.state(),
                    error == null ? "" : " (" + error + ")");
            for (Listener listener : listeners) {
                try {
                    listener.changed(previous, current);
                } catch (RuntimeException e) {
                    LOG.warn("Link listener failed", e);
                }
            }
        }
        return current;
    }

    /** The classification rule, on its own so it can be read and tested. */
    public static LinkState classify(boolean lastSucceeded, Duration latency, int failuresInWindow,
                                     Duration degradedThreshold) {
        if (!lastSucceeded) {
            return LinkState.OFFLINE;
        }
        if (failuresInWindow > 0 || (latency != null && latency.compareTo(degradedThreshold) > 0)) {
            return LinkState.DEGRADED;
        }
        return LinkState.ONLINE;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
