package br.com.prontivus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file from a background thread, on its own connection,
 * shortly after writes. SQLite's automatic checkpoint runs inside the COMMIT of whichever write
 * transaction crosses the threshold (1,000 pages): every ~80th registration paid for copying the
 * others' pages and an fsync of the main file — the registration's p99. A PASSIVE checkpoint here
 * takes no write lock, so the writer goes on meanwhile.
 *
 * <p>Durability is unchanged: a commit is durable once its WAL frames are synced (WAL +
 * {@code synchronous=FULL} on the writer); this connection is also {@code synchronous=FULL}, so the
 * checkpoint syncs the WAL before copying and the database file after it, exactly as the automatic
 * one does. The writer keeps an automatic checkpoint at {@link #WRITER_AUTOCHECKPOINT_PAGES} as a
 * backstop, in case this thread falls behind.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** The writer's own automatic checkpoint: only reached if this thread cannot keep up (~40 MB of WAL). */
    static final int WRITER_AUTOCHECKPOINT_PAGES = 10_000;
    /** Checkpoint once writes have paused this long... */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** ...or at the latest this long after the first write not yet checkpointed (back-to-back writes). */
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Connection connection;
    private final Thread thread;
    private final Object lock = new Object();
    private long firstPending; // nanoTime of the first commit since the last checkpoint; 0 when none
    private long lastPending;
    private boolean stopping;
    private volatile long checkpoints;

    Checkpointer(Connection connection, String label) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpoint " + label).unstarted(this::run);
        thread.start();
    }

    /** A write transaction committed: its frames are in the WAL. Cheap; called under the write lock. */
    void committed() {
        synchronized (lock) {
            long now = System.nanoTime();
            lastPending = now;
            if (firstPending == 0) {
                firstPending = now;
                lock.notifyAll(); // otherwise the thread is in a timed wait and reads lastPending when it wakes
            }
        }
    }

    /** Checkpoints run so far (for tests and diagnostics). */
    long checkpoints() {
        return checkpoints;
    }

    private void run() {
        while (awaitDue()) {
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                if (r.next() && r.getInt(1) != 0) {
                    LOG.debug("WAL checkpoint could not run now (busy); the next write retries it");
                }
                checkpoints++;
            } catch (SQLException e) {
                LOG.warn("Background WAL checkpoint failed; the writer's own checkpoint still runs", e);
            }
        }
    }

    /** Waits until a checkpoint is due; false when stopping. */
    private boolean awaitDue() {
        synchronized (lock) {
            while (true) {
                if (stopping) {
                    return false;
                }
                long now = System.nanoTime();
                if (firstPending != 0) {
                    long quietAt = lastPending + QUIET_NANOS;
                    long latestAt = firstPending + MAX_DELAY_NANOS;
                    long dueAt = Math.min(quietAt, latestAt);
                    if (now - dueAt >= 0) {
                        firstPending = 0;
                        return true;
                    }
                    waitNanos(dueAt - now);
                } else {
                    waitNanos(0);
                }
            }
        }
    }

    private void waitNanos(long nanos) {
        try {
            if (nanos <= 0) {
                lock.wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(lock, nanos);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
    }

    /** Stops the thread (a checkpoint under way finishes first) and closes its connection. */
    @Override
    public void close() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the checkpoint connection failed", e);
        }
    }
}
