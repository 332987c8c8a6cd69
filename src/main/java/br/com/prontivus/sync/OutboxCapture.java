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
        tx.insertInto(Outbox.TABLE)
                .set(Outbox.OP_ID, change.opId())
                .set(Outbox.CLINIC_ID, change.clinicId())
                .set(Outbox.TABLE_NAME, change.table().name())
                .set(Outbox.ROW_ID, change.rowId())
                .set(Outbox.KIND, change.kind().wireName())
                .set(Outbox.CHANGED_FIELDS, CanonicalJson.write(change.changedFields()))
                .set(Outbox.BASE_VALUES, CanonicalJson.write(CanonicalJson.canonicalRow(change.baseValues())))
                .set(Outbox.ROW_AFTER, CanonicalJson.write(CanonicalJson.canonicalRow(change.rowAfter())))
                .set(Outbox.BASE_VERSION, change.baseVersion())
                .set(Outbox.HLC, change.hlc())
                .set(Outbox.CHECKSUM, OpChecksum.of(change))
                .set(Outbox.STATUS, PENDING)
                .set(Outbox.ATTEMPTS, 0)
                .set(Outbox.CREATED_AT, Instant.now(clock))
                .execute();
    }
}
