package br.com.prontivus.sync;

import br.com.prontivus.store.schema.Schema.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;

/** Queues a change in the local outbox in the same SQLite transaction as the change. */
public record OutboxCapture(Clock clock) implements ChangeCapture {

    public static final String PENDING = "pending";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String PARKED = "parked";

    @Override
    public void capture(DSLContext tx, RowChange change) {
        captureAll(tx, java.util.List.of(change));
    }

    /**
     * One prepared INSERT, bound once per change and sent as a JDBC batch: a bulk import queues
     * thousands of changes per transaction, and rendering and preparing a statement for each one
     * would cost more than writing it.
     */
    @Override
    public void captureAll(DSLContext tx, java.util.List<RowChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        if (changes.size() == 1) {
            insert(tx, changes.getFirst(), now).execute();
            return;
        }
        var batch = tx.batch(insert(tx, changes.getFirst(), now));
        for (RowChange change : changes) {
            batch = batch.bind(values(change, now));
        }
        batch.execute();
    }

    private static org.jooq.Query insert(DSLContext tx, RowChange change, Instant now) {
        Object[] v = values(change, now);
        return tx.insertInto(Outbox.TABLE)
                .set(Outbox.OP_ID, (java.util.UUID) v[0])
                .set(Outbox.CLINIC_ID, (java.util.UUID) v[1])
                .set(Outbox.TABLE_NAME, (String) v[2])
                .set(Outbox.ROW_ID, (java.util.UUID) v[3])
                .set(Outbox.KIND, (String) v[4])
                .set(Outbox.CHANGED_FIELDS, (String) v[5])
                .set(Outbox.BASE_VALUES, (String) v[6])
                .set(Outbox.ROW_AFTER, (String) v[7])
                .set(Outbox.BASE_VERSION, (Long) v[8])
                .set(Outbox.HLC, (Long) v[9])
                .set(Outbox.CHECKSUM, (String) v[10])
                .set(Outbox.STATUS, (String) v[11])
                .set(Outbox.ATTEMPTS, (Integer) v[12])
                .set(Outbox.CREATED_AT, (Instant) v[13]);
    }

    /** Bind values in the order of {@link #insert}'s columns. */
    private static Object[] values(RowChange change, Instant now) {
        // Serialised once: stored as they are, and the checksum's payload is built around the same bytes.
        // writeRow/writeStrings: the bytes of write(canonicalRow(…)) / write(list), without Jackson.
        String baseValues = CanonicalJson.writeRow(change.baseValues());
        String rowAfter = CanonicalJson.writeRow(change.rowAfter());
        return new Object[] {change.opId(), change.clinicId(), change.table().name(), change.rowId(),
                change.kind().wireName(), CanonicalJson.writeStrings(change.changedFields()), baseValues, rowAfter,
                change.baseVersion(), change.hlc(), OpChecksum.of(change, baseValues, rowAfter), PENDING, 0, now};
    }
}
