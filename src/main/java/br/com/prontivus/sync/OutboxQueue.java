package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema.Outbox;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * The local queue of operations: which ones go next, and what became of them. Ops of one row leave
 * in capture order; a parked op holds back the later ops of its row, never those of other rows.
 */
public final class OutboxQueue {

    private final Database local;

    public OutboxQueue(Database local) {
        this.local = local;
    }

    /** The next pending ops due now, oldest first, skipping rows held back by a parked op. */
    public List<OutboxEntry> nextBatch(int limit, Instant now) {
        return nextBatchAfter(0, limit, now); // seq starts at 1
    }

    /**
     * The batch that {@link #nextBatch} will return once the ops up to {@code afterSeq} (a batch the
     * server is applying right now) are acknowledged: the same conditions, restricted to later ops.
     * The engine reads it ahead and uses it only after checking with {@link #eligibleUpTo} that no
     * earlier op became due meanwhile.
     */
    public List<OutboxEntry> nextBatchAfter(long afterSeq, int limit, Instant now) {
        return local.read(dsl -> dsl.select(Outbox.FIELDS).from(Outbox.TABLE)
                .where(eligible(now)).and(Outbox.SEQ.gt(afterSeq))
                .orderBy(Outbox.SEQ)
                .limit(limit)
                .fetch(OutboxEntry::of));
    }

    /** Op ids {@link #nextBatch} would consider now among the ops up to {@code seq} (at most {@code limit}). */
    public List<UUID> eligibleUpTo(long seq, int limit, Instant now) {
        return local.read(dsl -> dsl.select(Outbox.OP_ID).from(Outbox.TABLE)
                .where(eligible(now)).and(Outbox.SEQ.le(seq))
                .orderBy(Outbox.SEQ)
                .limit(limit)
                .fetch(Outbox.OP_ID));
    }

    /**
     * Whether any op up to {@code seq} is still pending, due or not: a cheap, conservative pre-check
     * for {@link #eligibleUpTo} (plain SQL on the (status, seq) index; usually nothing is).
     */
    public boolean anyPendingUpTo(long seq) {
        return local.read(dsl -> dsl.fetchExists(DSL.selectOne().from(Outbox.TABLE)
                .where(Outbox.STATUS.eq(OutboxCapture.PENDING)).and(Outbox.SEQ.le(seq))));
    }

    private static org.jooq.Condition eligible(Instant now) {
        var parked = Outbox.TABLE.as("parked");
        var parkedRow = DSL.field(DSL.name("parked", "row_id"), java.util.UUID.class);
        var parkedTable = DSL.field(DSL.name("parked", "table_name"), String.class);
        var parkedStatus = DSL.field(DSL.name("parked", "status"), String.class);
        var parkedSeq = DSL.field(DSL.name("parked", "seq"), Long.class);
        var parkedNext = DSL.field(DSL.name("parked", "next_attempt_at"), Outbox.NEXT_ATTEMPT_AT.getDataType());
        return Outbox.STATUS.eq(OutboxCapture.PENDING)
                .and(Outbox.NEXT_ATTEMPT_AT.isNull().or(Outbox.NEXT_ATTEMPT_AT.le(now)))
                // An earlier op of the same row that is parked, or pending but not due yet (waiting
                // for its retry), holds this one back: ops of one row reach the server in order.
                .andNotExists(DSL.selectOne().from(parked)
                        .where(parkedStatus.eq(OutboxCapture.PARKED)
                                .or(parkedStatus.eq(OutboxCapture.PENDING).and(parkedNext.gt(now))))
                        .and(parkedTable.eq(Outbox.TABLE_NAME)).and(parkedRow.eq(Outbox.ROW_ID))
                        .and(parkedSeq.lt(Outbox.SEQ)));
    }

    public void acknowledge(Collection<UUID> opIds, Instant now) {
        if (opIds.isEmpty()) {
            return;
        }
        local.writeVoid(dsl -> dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, OutboxCapture.ACKNOWLEDGED)
                .set(Outbox.ACKNOWLEDGED_AT, now)
                .set(Outbox.LAST_ERROR, (String) null)
                .where(Outbox.OP_ID.in(opIds)).and(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED))
                .execute());
    }

    /** Parks ops for good, with their reasons; administrators see and retry them. */
    public void park(Map<UUID, String> reasons, Instant now) {
        if (reasons.isEmpty()) {
            return;
        }
        local.writeVoid(dsl -> reasons.forEach((op, reason) -> dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, OutboxCapture.PARKED)
                .set(Outbox.LAST_ERROR, reason)
                .set(Outbox.ATTEMPTS, Outbox.ATTEMPTS.plus(1))
                .set(Outbox.NEXT_ATTEMPT_AT, (Instant) null)
                .where(Outbox.OP_ID.eq(op))
                .execute()));
    }

    /** Records a failed attempt of a batch: the ops stay pending and wait until {@code nextAttempt}. */
    public void deferred(Collection<UUID> opIds, String error, Instant nextAttempt) {
        if (opIds.isEmpty()) {
            return;
        }
        local.writeVoid(dsl -> dsl.update(Outbox.TABLE)
                .set(Outbox.ATTEMPTS, Outbox.ATTEMPTS.plus(1))
                .set(Outbox.LAST_ERROR, error)
                .set(Outbox.NEXT_ATTEMPT_AT, nextAttempt)
                .where(Outbox.OP_ID.in(opIds)).and(Outbox.STATUS.eq(OutboxCapture.PENDING))
                .execute());
    }

    /** Puts parked ops back in the queue (an administrator fixed the cause). Returns how many. */
    public int retryParked(Collection<UUID> opIds) {
        return local.write(dsl -> dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, OutboxCapture.PENDING)
                .set(Outbox.NEXT_ATTEMPT_AT, (Instant) null)
                .where(Outbox.STATUS.eq(OutboxCapture.PARKED))
                .and(opIds.isEmpty() ? DSL.trueCondition() : Outbox.OP_ID.in(opIds))
                .execute());
    }

    /**
     * Discards parked ops for good (an administrator decided they must never reach the server):
     * the rows are deleted from the outbox, in one transaction, and returned so the caller can
     * record them (the desktop writes each one to the audit log). Only parked ops can be discarded;
     * ids of ops in any other state are ignored. Later ops of the same row stop being held back.
     * See docs/adr/0010-discarding-parked-operations.md.
     */
    public List<OutboxEntry> discard(Collection<UUID> opIds) {
        if (opIds.isEmpty()) {
            return List.of();
        }
        return local.write(dsl -> {
            List<OutboxEntry> parked = dsl.select(Outbox.FIELDS).from(Outbox.TABLE)
                    .where(Outbox.STATUS.eq(OutboxCapture.PARKED)).and(Outbox.OP_ID.in(opIds))
                    .orderBy(Outbox.SEQ)
                    .fetch(OutboxEntry::of);
            if (!parked.isEmpty()) {
                dsl.deleteFrom(Outbox.TABLE)
                        .where(Outbox.STATUS.eq(OutboxCapture.PARKED))
                        .and(Outbox.OP_ID.in(parked.stream().map(OutboxEntry::opId).toList()))
                        .execute();
            }
            return parked;
        });
    }

    public Map<String, Integer> counts() {
        return local.read(dsl -> dsl.select(Outbox.STATUS, DSL.count()).from(Outbox.TABLE)
                .groupBy(Outbox.STATUS)
                .fetchMap(r -> r.value1(), r -> r.value2()));
    }

    public List<OutboxEntry> list(String status, int limit) {
        return local.read(dsl -> dsl.select(Outbox.FIELDS).from(Outbox.TABLE)
                .where(status == null ? DSL.trueCondition() : Outbox.STATUS.eq(status))
                .orderBy(Outbox.SEQ)
                .limit(limit)
                .fetch(OutboxEntry::of));
    }

    /** Oldest pending op's capture time, for the queue-age health check. */
    public java.util.Optional<Instant> oldestPending() {
        return local.read(dsl -> dsl.select(DSL.min(Outbox.CREATED_AT)).from(Outbox.TABLE)
                .where(Outbox.STATUS.eq(OutboxCapture.PENDING))
                .fetchOptional(0, Instant.class));
    }
}
