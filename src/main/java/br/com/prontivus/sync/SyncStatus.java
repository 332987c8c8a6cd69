package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.Schema.SyncState;
import java.time.Instant;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Where this desktop stands with the server, read from the local file only (no network): the
 * bookkeeping row of the last cycles, the queue and the open conflicts. Cheap enough for a status
 * bar refresh.
 */
public record SyncStatus(long cursor, Instant lastPushAt, Instant lastPullAt, Instant lastSuccessAt, String lastError,
                         Instant lastErrorAt, String serverSchema, int pending, int parked, int acknowledged,
                         int openConflicts, Instant oldestPending) {

    public static SyncStatus read(Database local) {
        return local.read(dsl -> {
            var state = dsl.select(SyncState.PULL_CURSOR, SyncState.LAST_PUSH_AT, SyncState.LAST_PULL_AT,
                    SyncState.LAST_SUCCESS_AT, SyncState.LAST_ERROR, SyncState.LAST_ERROR_AT, SyncState.SERVER_SCHEMA)
                    .from(SyncState.TABLE).fetchOne();
            Map<String, Integer> counts = dsl.select(Outbox.STATUS, DSL.count()).from(Outbox.TABLE)
                    .groupBy(Outbox.STATUS).fetchMap(r -> r.value1(), r -> r.value2());
            int open = openConflicts(dsl);
            Instant oldest = dsl.select(DSL.min(Outbox.CREATED_AT)).from(Outbox.TABLE)
                    .where(Outbox.STATUS.eq(OutboxCapture.PENDING)).fetchOne(0, Instant.class);
            return new SyncStatus(state == null ? 0 : state.value1(), state == null ? null : state.value2(),
                    state == null ? null : state.value3(), state == null ? null : state.value4(),
                    state == null ? null : state.value5(), state == null ? null : state.value6(),
                    state == null ? null : state.value7(),
                    counts.getOrDefault(OutboxCapture.PENDING, 0), counts.getOrDefault(OutboxCapture.PARKED, 0),
                    counts.getOrDefault(OutboxCapture.ACKNOWLEDGED, 0), open, oldest);
        });
    }

    /** Conflicts waiting for an administrator (manual strategy), as pulled from the server. */
    public static int openConflicts(org.jooq.DSLContext dsl) {
        var c = Schema.SYNC_CONFLICTS;
        return dsl.fetchCount(c.table(), c.STATUS.eq("open").and(c.DELETED.isFalse()));
    }
}
