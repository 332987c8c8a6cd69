package br.com.prontivus.sync;

import org.jooq.DSLContext;

/**
 * Where a captured change goes, inside the transaction that made it: the outbox on a desktop,
 * nowhere in cloud mode (the server is already the source of truth).
 */
public sealed interface ChangeCapture permits OutboxCapture, ChangeCapture.None {

    void capture(DSLContext tx, RowChange change);

    /** Captures many changes of one transaction; implementations may send them in one statement batch. */
    default void captureAll(DSLContext tx, java.util.List<RowChange> changes) {
        for (RowChange change : changes) {
            capture(tx, change);
        }
    }

    /** Cloud mode: the write went straight to PostgreSQL and its trigger assigned the version. */
    record None() implements ChangeCapture {
        @Override
        public void capture(DSLContext tx, RowChange change) {
            // nothing to queue
        }
    }
}
