package br.com.prontivus.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears other desktops' pushes within seconds (DESIGN.md invariant 7): a dedicated PostgreSQL
 * connection, outside the pool, {@code LISTEN}s on the clinic's channel ({@link ChangeNotifications})
 * and polls for notifications on a daemon thread of its own. The payload of a notification is the
 * highest row version the push committed. A dropped connection is re-opened with backoff; after a
 * reconnect the callback is told that notifications may have been missed ({@code version = -1}).
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

    /** Opens a fresh direct connection to the server (never a pooled one: LISTEN is per session). */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /** Called on the listener's thread; must not block for long. */
    @FunctionalInterface
    public interface Callback {
        /** {@code version}: the highest row version of the announced push, or -1 when unknown. */
        void changed(long version);
    }

    private final ConnectionFactory factory;
    private final String channel;
    private final Callback callback;
    private final Backoff backoff;
    private final int pollMillis;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    public ChangeListener(ConnectionFactory factory, UUID clinicId, Callback callback, Backoff backoff, int pollMillis) {
        this.factory = factory;
        this.channel = ChangeNotifications.channel(clinicId);
        this.callback = callback;
        this.backoff = backoff;
        this.pollMillis = pollMillis;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "prontivus-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** True while a LISTEN session is open. */
    public boolean listening() {
        return listening;
    }

    private void loop() {
        int failures = 0;
        boolean connectedBefore = false;
        while (running) {
            try (Connection c = factory.open(); Statement s = c.createStatement()) {
                connection = c;
                s.execute("LISTEN " + channel); // channel is prontivus_ + hex digits: no quoting needed
                listening = true;
                failures = 0;
                if (connectedBefore) {
                    callback.changed(-1); // we were deaf for a while: catch up
                }
                connectedBefore = true;
                LOG.debug("Listening on {}", channel);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(pollMillis);
                    if (notifications == null) {
                        continue;
                    }
                    long max = -1;
                    for (PGNotification n : notifications) {
                        max = Math.max(max, parse(n.getParameter()));
                    }
                    if (notifications.length > 0) {
                        callback.changed(max);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                failures++;
                long wait = backoff.delay(failures).toMillis();
                LOG.debug("LISTEN connection lost ({}); retrying in {} ms", e.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload.strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
