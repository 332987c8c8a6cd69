package br.com.prontivus.monitor;

/**
 * What the sync health check needs from the sync engine, as plain numbers. The monitor does not
 * know the sync package; the composition root (app) implements this over the outbox and the
 * conflicts table. Methods may throw: the monitor reports the reading as unavailable.
 */
public interface SyncHealthSource {

    /** Seconds since the oldest change still waiting to be pushed was made; 0 when none waits. */
    long oldestPendingAgeSeconds();

    /** Changes waiting to be pushed. */
    long pendingOps();

    /** Changes the server refused and that wait for an administrator. */
    long parkedOps();

    /** Conflicts recorded and not yet resolved. */
    long openConflicts();
}
