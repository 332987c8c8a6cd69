package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.SyncedTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Local retention (DESIGN.md invariant 9, {@code OFFLINE_DATA_RETENTION_DAYS}): removes from this
 * desktop what the server already has for good and nobody needs locally any more —
 * <ul>
 *   <li>outbox entries acknowledged before the horizon;</li>
 *   <li>conflicts resolved before the horizon whose resolution the server has acknowledged;</li>
 *   <li>acknowledged tombstones (deleted rows with a server version) last changed before the horizon.</li>
 * </ul>
 * Never a row with a local op still waiting (pending or parked), never a row another live row still
 * references, never the audit trail nor the clinic itself. All in one local transaction.
 */
public final class Retention {

    /** Tables whose tombstones are purged, children before parents. */
    static final List<SyncedTable> PURGEABLE = List.of(Schema.APPOINTMENTS, Schema.PATIENTS,
            Schema.PRACTITIONERS, Schema.STAFF_USERS, Schema.DEVICES, Schema.SYNC_CONFLICTS);

    /** Who references whom: a parent row stays while any child row (even a tombstone) points at it. */
    static final Map<SyncedTable, List<Field<UUID>>> REFERENCED_BY = Map.of(
            Schema.PATIENTS, List.of(Schema.APPOINTMENTS.PATIENT_ID),
            Schema.PRACTITIONERS, List.of(Schema.APPOINTMENTS.PRACTITIONER_ID));

    /** What one cleanup removed, per kind ({@code outbox_acknowledged}, {@code conflicts_resolved}, {@code tombstones.<table>}). */
    public record Report(Instant horizon, Map<String, Integer> removed) {
        public int total() {
            return removed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Database local;
    private final Clock clock;
    private final List<RowApplyHook> hooks;

    public Retention(Database local, Clock clock, List<RowApplyHook> hooks) {
        this.local = local;
        this.clock = clock;
        this.hooks = List.copyOf(hooks);
    }

    public Report purge(int retentionDays) {
        Instant horizon = Instant.now(clock).minus(Duration.ofDays(retentionDays));
        long hlcHorizon = horizon.toEpochMilli() << 16;
        return local.write(dsl -> {
            Map<String, Integer> removed = new LinkedHashMap<>();
            removed.put("outbox_acknowledged", dsl.deleteFrom(Outbox.TABLE)
                    .where(Outbox.STATUS.eq(OutboxCapture.ACKNOWLEDGED))
                    .and(Outbox.ACKNOWLEDGED_AT.lt(horizon))
                    .execute());
            var c = Schema.SYNC_CONFLICTS;
            removed.put("conflicts_resolved", dsl.deleteFrom(c.table())
                    .where(c.STATUS.eq("resolved")).and(c.RESOLVED_AT.lt(horizon))
                    .and(c.ROW_VERSION.isNotNull())
                    .and(noPendingOp(c))
                    .execute());
            for (SyncedTable table : PURGEABLE) {
                Condition purgeable = table.DELETED.isTrue().and(table.ROW_VERSION.isNotNull())
                        .and(table.UPDATED_AT.lt(hlcHorizon)).and(noPendingOp(table));
                for (Field<UUID> child : REFERENCED_BY.getOrDefault(table, List.of())) {
                    SyncedTable childTable = Schema.syncedTable(child.getQualifiedName().first());
                    purgeable = purgeable.andNotExists(DSL.selectOne().from(childTable.table())
                            .where(child.eq(table.ID)));
                }
                var rows = dsl.select(table.ID, table.CLINIC_ID).from(table.table()).where(purgeable).fetch();
                List<UUID> ids = rows.getValues(table.ID);
                if (!ids.isEmpty()) {
                    for (RowApplyHook hook : hooks) {
                        rows.forEach(r -> hook.applied(dsl, table, r.value2(), r.value1(), Map.of(), true));
                    }
                    for (int i = 0; i < ids.size(); i += 500) {
                        List<UUID> part = ids.subList(i, Math.min(ids.size(), i + 500));
                        dsl.deleteFrom(table.table()).where(table.ID.in(part)).execute();
                    }
                }
                removed.put("tombstones." + table.name(), ids.size());
            }
            return new Report(horizon, removed);
        });
    }

    private static Condition noPendingOp(SyncedTable table) {
        return DSL.notExists(DSL.selectOne().from(Outbox.TABLE)
                .where(Outbox.TABLE_NAME.eq(table.name())).and(Outbox.ROW_ID.eq(table.ID))
                .and(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED)));
    }
}
