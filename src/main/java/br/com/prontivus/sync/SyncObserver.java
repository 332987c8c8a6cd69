package br.com.prontivus.sync;

/**
 * Watches a sync cycle: progress for the status bar and the admin panels, and the moments fault
 * tests need (a batch committed on the server but not yet acknowledged locally).
 */
public interface SyncObserver {

    SyncObserver NONE = new SyncObserver() { };

    default void pushed(int applied, int parked) {
    }

    /** The server committed a batch; the local acknowledgement has not been written yet. */
    default void serverCommitted(int ops) {
    }

    default void pulled(int rows, long cursor) {
    }
}
