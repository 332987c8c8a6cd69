package br.com.prontivus.sync;

import br.com.prontivus.config.ConflictStrategy;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a push, run inside one PostgreSQL transaction: verifies checksums (in SQL,
 * on the server), skips ops already applied, merges field by field against the locked server
 * rows, settles same-field conflicts by the strategy, writes rows, applied op ids and conflict
 * records together, and notifies listeners. Rows get their versions from the server's trigger.
 */
public final class ServerApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApplier.class);

    private static final Field<UUID> AO_CLINIC = DSL.field(DSL.name("applied_ops", "clinic_id"), SQLDataType.UUID);
    private static final Field<UUID> AO_OP = DSL.field(DSL.name("applied_ops", "op_id"), SQLDataType.UUID);
    private static final Field<Long> AO_VERSION = DSL.field(DSL.name("applied_ops", "row_version"), SQLDataType.BIGINT);

    private final ConflictStrategy strategy;
    private final Instant now;
    private final UUID clinicId;
    private final UUID deviceId;

    /** One applier per push of one device: {@code deviceId} is the desktop whose ops these are. */
    public ServerApplier(ConflictStrategy strategy, Instant now, UUID clinicId, UUID deviceId) {
        this.strategy = strategy;
        this.now = now;
        this.clinicId = clinicId;
        this.deviceId = deviceId;
    }

    /** Applies a batch (ops of one clinic, in capture order) and returns one outcome per op. */
    public Map<UUID, PushOutcome> apply(DSLContext tx, List<OutboxEntry> batch) {
        return apply(tx, batch, false);
    }

    /**
     * Applies a batch and returns one outcome per op.
     *
     * <p>Every op's checksum is verified by the server exactly once, by the {@code applied_ops_verify}
     * trigger on the insert that records the op in this same transaction: a damaged op makes the
     * whole transaction fail, so nothing of the batch is committed, and the engine isolates the op
     * in its one-by-one path. There ({@code isolating}) the applier first checks the payloads in a
     * query of their own, so the damaged op is refused with a precise reason and the rows of the
     * others are never touched.
     *
     * <p>Rows the server does not have yet (an insert that is its row's only op in the batch) are
     * written set-based: one {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING} per
     * table. Whatever that insert skips (the row exists after all: a replayed or concurrent insert)
     * and every other op go through the per-row path: lock, three-way merge, upsert.
     */
    public Map<UUID, PushOutcome> apply(DSLContext tx, List<OutboxEntry> batch, boolean isolating) {
        return apply(tx, prepare(batch, deviceId), isolating);
    }

    /**
     * What a batch needs that does not depend on the server: each op's canonical payload and, for an
     * insert that is its row's only op in the batch, the row it would create. Pure computation on the
     * ops (no database), so the engine can prepare the next batch on another thread while the server
     * applies this one. Immutable once built: a retried transaction uses it again as it is.
     */
    record Prepared(List<OutboxEntry> ops, Map<UUID, String> payloads, Map<UUID, ServerRow> freshRows) {
        public long maxSeq() {
            return ops.stream().mapToLong(OutboxEntry::seq).max().orElse(0);
        }
    }

    /**
     * Builds the server-independent part of a batch (see {@link Prepared}). Never throws: an op whose
     * payload or row cannot be built here (malformed JSON in the outbox, an unknown table) is left
     * out of the maps, and {@link #apply} builds it inside the transaction, where the failure refuses
     * the batch and the engine's one-by-one path parks that op, as it always did.
     */
    static Prepared prepare(List<OutboxEntry> batch, UUID deviceId) {
        Map<UUID, String> payloads = new HashMap<>();
        Map<String, Integer> opsPerRow = new HashMap<>();
        for (OutboxEntry op : batch) {
            opsPerRow.merge(op.tableName() + "/" + op.rowId(), 1, Integer::sum);
        }
        Map<UUID, ServerRow> fresh = new HashMap<>();
        for (OutboxEntry op : batch) {
            try {
                payloads.put(op.opId(), op.canonicalPayload());
                if (op.kind() == ChangeKind.INSERT && opsPerRow.get(op.tableName() + "/" + op.rowId()) == 1) {
                    fresh.put(op.opId(), ServerRow.fresh(op, deviceId));
                }
            } catch (RuntimeException e) {
                LOG.debug("Op {} left for the transaction to prepare: {}", op.opId(), e.toString());
            }
        }
        return new Prepared(List.copyOf(batch), Map.copyOf(payloads), Map.copyOf(fresh));
    }

    /** Applies a prepared batch (see {@link #apply(DSLContext, List, boolean)}). */
    Map<UUID, PushOutcome> apply(DSLContext tx, Prepared prepared, boolean isolating) {
        List<OutboxEntry> batch = prepared.ops();
        for (OutboxEntry op : batch) {
            if (!op.clinicId().equals(clinicId)) {
                throw new IllegalArgumentException("Op " + op.opId() + " belongs to another clinic");
            }
        }
        Map<UUID, PushOutcome> outcomes = new LinkedHashMap<>();
        Map<UUID, String> payloads = prepared.payloads();
        if (payloads.size() < batch.size()) {
            // What prepare() could not build fails here, inside the transaction (see prepare).
            Map<UUID, String> all = new HashMap<>(payloads);
            for (OutboxEntry op : batch) {
                all.computeIfAbsent(op.opId(), id -> op.canonicalPayload());
            }
            payloads = all;
        }
        Set<UUID> damaged = Set.of();
        if (isolating) {
            damaged = damaged(tx, batch, payloads);
        }
        Map<UUID, Long> done = alreadyApplied(tx, clinicId, batch);

        // A refused op holds back the later ops of its row in this batch (they get no outcome and
        // wait behind the parked op), so ops of one row are never applied out of order.
        Set<RowKey> blocked = new HashSet<>();
        List<OutboxEntry> todo = new ArrayList<>();
        for (OutboxEntry op : batch) {
            RowKey rowKey = new RowKey(op.table(), op.rowId());
            if (blocked.contains(rowKey)) {
                continue;
            }
            if (damaged.contains(op.opId())) {
                outcomes.put(op.opId(), new PushOutcome.Rejected(op.opId(),
                        "checksum mismatch: the operation was damaged after it was recorded; not applied"));
                blocked.add(rowKey);
            } else if (done.containsKey(op.opId())) {
                outcomes.put(op.opId(), new PushOutcome.AlreadyApplied(op.opId(), done.get(op.opId())));
            } else {
                todo.add(op);
            }
        }
        if (todo.isEmpty()) {
            return outcomes;
        }

        // Set-based candidates: inserts that are their row's only op in the batch (prepare() built their rows).
        Map<UUID, ServerRow> freshRows = prepared.freshRows();
        // Tables in SYNCED_TABLES order (parents before children, one lock order for every pusher),
        // ops of each table in capture order.
        Map<SyncedTable, List<OutboxEntry>> byTable = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(Schema.SYNCED_TABLES::indexOf));
        int fresh = 0;
        for (OutboxEntry op : todo) {
            byTable.computeIfAbsent(op.table(), t -> new ArrayList<>()).add(op);
            if (freshRows.containsKey(op.opId())) {
                fresh++;
            }
        }
        // Row locks before the counter. Writers outside the engine (cloud-mode services, admin SQL)
        // lock a row and then, through the version trigger, the clinic's counter row; a pusher that
        // held the counter while it waited for a row lock could deadlock with them. So the existing
        // rows the merge path needs are locked first (tables in SYNCED_TABLES order, ids sorted: one
        // order for every pusher), and only then are the versions reserved.
        Map<SyncedTable, Map<UUID, ServerRow>> lockedFirst = new HashMap<>();
        for (var entry : byTable.entrySet()) {
            List<OutboxEntry> merged = entry.getValue().stream()
                    .filter(op -> !freshRows.containsKey(op.opId())).toList();
            if (!merged.isEmpty()) {
                lockedFirst.put(entry.getKey(), lockRows(tx, clinicId, entry.getKey(), merged));
            }
        }
        // Versions: one per fresh insert; at most two per upserted row that exists plus one per
        // conflict record for the rest. The unused tail is released below.
        reserveVersions(tx, clinicId, fresh + 3 * (todo.size() - fresh));

        Map<RowKey, ServerRow> rows = new HashMap<>();
        Map<RowKey, Long> versions = new HashMap<>();
        List<Map<String, Object>> conflicts = new ArrayList<>();
        Map<UUID, RowKey> opRows = new LinkedHashMap<>();
        Map<UUID, Boolean> opConflict = new HashMap<>();
        for (var entry : byTable.entrySet()) {
            SyncedTable table = entry.getKey();
            List<OutboxEntry> ops = entry.getValue();

            // 1. Set-based: rows this batch creates.
            Map<UUID, ServerRow> created = new java.util.TreeMap<>();
            for (OutboxEntry op : ops) {
                ServerRow row = freshRows.get(op.opId());
                if (row != null) {
                    // Built by prepare() from the same op and never changed afterwards (the merge
                    // path works on rows of its own), so a retried transaction can use it again.
                    created.put(op.rowId(), row);
                }
            }
            Set<UUID> inserted = new HashSet<>();
            if (!created.isEmpty()) {
                writeSetBased(tx, clinicId, table, created, true).forEach((id, v) -> {
                    versions.put(new RowKey(table, id), v);
                    inserted.add(id);
                });
            }

            // 2. Per row: everything else, against the locked server rows.
            List<OutboxEntry> rest = new ArrayList<>();
            for (OutboxEntry op : ops) {
                if (inserted.contains(op.rowId())) {
                    RowKey key = new RowKey(table, op.rowId());
                    rows.put(key, created.get(op.rowId()));
                    opRows.put(op.opId(), key);
                    opConflict.put(op.opId(), false);
                } else {
                    rest.add(op);
                }
            }
            if (rest.isEmpty()) {
                continue;
            }
            Map<UUID, ServerRow> tableRows = new java.util.TreeMap<>(lockedFirst.getOrDefault(table, Map.of()));
            List<OutboxEntry> skipped = rest.stream().filter(op -> freshRows.containsKey(op.opId())).toList();
            if (!skipped.isEmpty()) {
                // A fresh insert whose row exists after all (another op created that id): locked
                // only now, after the counter. Rare, and a deadlock here is detected by PostgreSQL
                // and retried like any transient failure.
                tableRows.putAll(lockRows(tx, clinicId, table, skipped));
            }
            for (OutboxEntry op : rest) {
                RowKey key = new RowKey(table, op.rowId());
                if (blocked.contains(key)) {
                    continue;
                }
                ServerRow row = tableRows.get(op.rowId());
                if (row == null && op.kind() != ChangeKind.INSERT) {
                    outcomes.put(op.opId(), new PushOutcome.Rejected(op.opId(),
                            "the row " + op.tableName() + "/" + op.rowId() + " does not exist on the server"));
                    blocked.add(key);
                    continue;
                }
                List<ConflictField> fields = new ArrayList<>();
                if (row == null) {
                    row = ServerRow.fresh(op, deviceId);
                    tableRows.put(op.rowId(), row);
                } else {
                    fields = merge(op, row);
                }
                rows.put(key, row);
                opRows.put(op.opId(), key);
                opConflict.put(op.opId(), !fields.isEmpty());
                if (!fields.isEmpty()) {
                    conflicts.add(conflictRecord(op, fields));
                }
            }
            tableRows.values().removeIf(r -> !r.dirty);
            if (!tableRows.isEmpty()) {
                writeSetBased(tx, clinicId, table, tableRows, false)
                        .forEach((id, v) -> versions.put(new RowKey(table, id), v));
            }
        }

        recordApplied(tx, clinicId, deviceId, todo, opRows, versions, payloads, opConflict);
        for (Map<String, Object> conflict : conflicts) {
            insertConflict(tx, conflict);
        }
        long maxVersion = versions.values().stream().mapToLong(Long::longValue).max().orElse(0);
        releaseVersionsAndNotify(tx, clinicId, maxVersion);
        for (OutboxEntry op : todo) {
            RowKey key = opRows.get(op.opId());
            if (key != null) {
                Long v = versions.getOrDefault(key, rows.get(key).version);
                outcomes.put(op.opId(), new PushOutcome.Applied(op.opId(), v == null ? 0 : v, opConflict.get(op.opId())));
            }
        }
        return outcomes;
    }

    /**
     * Takes the batch's versions from the clinic's counter with one update (migration
     * 2026.11.26.0900), instead of the trigger updating the counter row once per row (a HOT chain
     * walked per row: quadratic in the batch). The counter row stays locked until commit, so
     * versions still become visible in order.
     */
    private static void reserveVersions(DSLContext tx, UUID clinicId, int count) {
        tx.select(DSL.field("reserve_row_versions({0}, {1})", Long.class, DSL.val(clinicId), DSL.val(count))).fetch();
    }

    /**
     * Hands unused reserved versions back, so the committed counter is the newest visible version,
     * and tells listeners (delivered at commit) the newest version this push wrote: one round trip.
     */
    private static void releaseVersionsAndNotify(DSLContext tx, UUID clinicId, long maxVersion) {
        if (maxVersion > 0) {
            tx.resultQuery("SELECT release_row_versions({0}), pg_notify({1}, {2})", DSL.val(clinicId),
                    DSL.val(ChangeNotifications.channel(clinicId)), DSL.val(Long.toString(maxVersion))).fetch();
        } else {
            tx.resultQuery("SELECT release_row_versions({0})", DSL.val(clinicId)).fetch();
        }
    }

    /** The server recomputes each payload's SHA-256 itself; a mismatch is never applied. */
    private static Set<UUID> damaged(DSLContext tx, List<OutboxEntry> batch, Map<UUID, String> payloads) {
        UUID[] ids = batch.stream().map(OutboxEntry::opId).toArray(UUID[]::new);
        String[] texts = batch.stream().map(op -> payloads.get(op.opId())).toArray(String[]::new);
        String[] sums = batch.stream().map(OutboxEntry::checksum).toArray(String[]::new);
        return new HashSet<>(tx.resultQuery(
                "SELECT t.op_id FROM unnest({0}::uuid[], {1}::text[], {2}::text[]) AS t(op_id, payload, checksum)"
                        + " WHERE encode(sha256(convert_to(t.payload, 'UTF8')), 'hex') IS DISTINCT FROM t.checksum",
                DSL.val(ids), DSL.val(texts), DSL.val(sums))
                .fetch(0, UUID.class));
    }

    private static Map<UUID, Long> alreadyApplied(DSLContext tx, UUID clinicId, List<OutboxEntry> batch) {
        List<UUID> ids = batch.stream().map(OutboxEntry::opId).toList();
        Map<UUID, Long> done = new HashMap<>();
        tx.select(AO_OP, AO_VERSION).from(DSL.table(DSL.name("applied_ops")))
                // = ANY(one array parameter), not IN (500 parameters): under the generic plan pgjdbc's
                // prepared statements get after a few runs, PostgreSQL turned the IN list into a filter
                // over every applied op of the clinic (1.3 s per batch at 100,000 ops); the array keeps
                // both columns as index conditions whatever the statistics say.
                .where(AO_CLINIC.eq(clinicId)).and(AO_OP.eq(DSL.any(ids.toArray(UUID[]::new))))
                .forEach(r -> done.put(r.value1(), r.value2()));
        return done;
    }

    /**
     * Locks the server rows of one table that these ops touch (FOR UPDATE). The caller goes through
     * the tables in SYNCED_TABLES order and ids are locked sorted, so every pusher takes its locks in
     * one order and two desktops pushing overlapping rows cannot deadlock.
     */
    private static Map<UUID, ServerRow> lockRows(DSLContext tx, UUID clinicId, SyncedTable table,
                                                 List<OutboxEntry> ops) {
        UUID[] ids = ops.stream().map(OutboxEntry::rowId).distinct().toArray(UUID[]::new);
        Map<UUID, ServerRow> rows = new HashMap<>();
        tx.select(table.allFields()).from(table.table())
                .where(table.CLINIC_ID.eq(clinicId)).and(table.ID.eq(DSL.any(ids))) // see alreadyApplied
                .orderBy(table.ID)
                .forUpdate()
                .forEach(r -> rows.put(r.get(table.ID), ServerRow.of(table, r)));
        return rows;
    }

    /**
     * Three-way merge of one op into the server row. A field the op changed is applied when the
     * server still has the op's base value; when the server holds a third value the field is in
     * conflict and the strategy decides. Returns the conflicting fields (empty when none).
     */
    private List<ConflictField> merge(OutboxEntry op, ServerRow row) {
        Map<String, Object> after = op.rowAfter();
        Map<String, Object> base = op.baseValues();
        List<ConflictField> conflicts = new ArrayList<>();
        switch (op.kind()) {
            case INSERT, UPDATE -> {
                boolean insert = op.kind() == ChangeKind.INSERT;
                boolean touchesDeleted = op.changedFields().contains("deleted");
                if (row.deleted && !insert && !touchesDeleted) {
                    // An edit of a row someone deleted: reviving it is a decision, not a merge.
                    ConflictField.Winner w = decide(op, row, "deleted");
                    conflicts.add(new ConflictField("deleted", false, false, true, w));
                    if (w == ConflictField.Winner.LOCAL) {
                        row.set("deleted", false, op.hlc(), deviceId);
                    } else {
                        // The row stays deleted; the edit itself is kept in the conflict record, so
                        // that an administrator who restores the row gets the edit back with it.
                        for (String field : op.changedFields()) {
                            if (!"deleted".equals(field)) {
                                conflicts.add(new ConflictField(field, base.get(field), after.get(field),
                                        row.values.get(field), w));
                            }
                        }
                        return conflicts;
                    }
                }
                for (String field : op.changedFields()) {
                    Object local = after.get(field);
                    Object server = "deleted".equals(field) ? row.deleted : row.values.get(field);
                    if (Values.same(server, local)) {
                        continue; // both sides made the same change
                    }
                    if (!insert && Values.same(server, base.get(field))) {
                        row.set(field, local, op.hlc(), deviceId);
                        continue; // nobody else touched it: a plain update
                    }
                    ConflictField.Winner w = decide(op, row, field);
                    conflicts.add(new ConflictField(field, insert ? null : base.get(field), local, server, w));
                    if (w == ConflictField.Winner.LOCAL) {
                        row.set(field, local, op.hlc(), deviceId);
                    }
                }
            }
            case DELETE -> {
                if (row.deleted) {
                    return conflicts; // already deleted elsewhere: same outcome
                }
                List<String> changedSince = new ArrayList<>();
                for (Field<?> f : op.table().dataFields()) {
                    if (!Values.same(row.values.get(f.getName()), after.get(f.getName()))) {
                        changedSince.add(f.getName());
                    }
                }
                if (changedSince.isEmpty()) {
                    row.set("deleted", true, op.hlc(), deviceId);
                } else {
                    // Someone edited the row this desktop deleted: deleting would silently drop that edit.
                    ConflictField.Winner w = decide(op, row, changedSince.getFirst());
                    conflicts.add(new ConflictField("deleted", false, true, false, w));
                    if (w == ConflictField.Winner.LOCAL) {
                        row.set("deleted", true, op.hlc(), deviceId);
                    }
                }
            }
        }
        return conflicts;
    }

    private ConflictField.Winner decide(OutboxEntry op, ServerRow row, String field) {
        return switch (strategy) {
            case POSTGRESQL_WINS -> ConflictField.Winner.SERVER;
            case SQLITE_WINS -> ConflictField.Winner.LOCAL;
            case MANUAL -> ConflictField.Winner.UNDECIDED;
            case NEWEST_WINS -> {
                long serverClock = row.fieldVersions.getOrDefault(field, row.updatedAt);
                if (op.hlc() != serverClock) {
                    yield op.hlc() > serverClock ? ConflictField.Winner.LOCAL : ConflictField.Winner.SERVER;
                }
                // Same instant on both clocks: the larger device id wins, the same way on every desktop.
                yield deviceId.compareTo(row.updatedBy) > 0 ? ConflictField.Winner.LOCAL : ConflictField.Winner.SERVER;
            }
        };
    }

    private Map<String, Object> conflictRecord(OutboxEntry op, List<ConflictField> fields) {
        List<Map<String, Object>> fieldJson = new ArrayList<>();
        boolean open = false;
        for (ConflictField f : fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", f.field());
            m.put("base", CanonicalJson.canonical(f.base()));
            m.put("local", CanonicalJson.canonical(f.local()));
            m.put("server", CanonicalJson.canonical(f.server()));
            m.put("winner", f.winner().name().toLowerCase(java.util.Locale.ROOT));
            fieldJson.add(m);
            open |= f.winner() == ConflictField.Winner.UNDECIDED;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("table_name", op.tableName());
        c.put("row_id", op.rowId());
        c.put("op_id", op.opId());
        c.put("fields", CanonicalJson.write(fieldJson));
        c.put("strategy", strategy.wireName());
        c.put("open", open);
        c.put("hlc", op.hlc());
        boolean anyLocal = fields.stream().anyMatch(f -> f.winner() == ConflictField.Winner.LOCAL);
        boolean anyServer = fields.stream().anyMatch(f -> f.winner() == ConflictField.Winner.SERVER);
        c.put("outcome", open ? "pending" : anyLocal && anyServer ? "mixed" : anyLocal ? "local_applied" : "server_kept");
        return c;
    }

    private void insertConflict(DSLContext tx, Map<String, Object> c) {
        var t = Schema.SYNC_CONFLICTS;
        boolean open = (Boolean) c.get("open");
        tx.insertInto(t.table())
                .set(t.ID, Ids.newId())
                .set(t.CLINIC_ID, clinicId)
                .set(t.TABLE_NAME, (String) c.get("table_name"))
                .set(t.ROW_ID, (UUID) c.get("row_id"))
                .set(t.OP_ID, (UUID) c.get("op_id"))
                .set(t.DEVICE_ID, deviceId)
                .set(t.FIELDS, (String) c.get("fields"))
                .set(t.STRATEGY, (String) c.get("strategy"))
                .set(t.OUTCOME, (String) c.get("outcome"))
                .set(t.STATUS, open ? "open" : "resolved")
                .set(t.DETECTED_AT, now)
                .set(t.RESOLVED_AT, open ? null : now)
                .set(t.RESOLVED_BY, open ? null : "strategy:" + strategy.wireName())
                .set(t.RESOLUTION, (String) null)
                .set(t.UPDATED_AT, (Long) c.get("hlc"))
                .set(t.UPDATED_BY, deviceId)
                .set(t.DELETED, false)
                .set(t.FIELD_VERSIONS, "{}")
                .set(t.ROW_VERSION, (Long) null)
                .execute();
    }

    /**
     * Writes rows of one table with one statement whose values travel as one text array per column
     * ({@code INSERT … SELECT … FROM unnest(…)}), instead of a multi-row VALUES with a bind per cell:
     * the statement text is the same for every batch, and the server parses 17 parameters instead of
     * thousands. {@code onlyNew}: rows that exist are left alone ({@code DO NOTHING}) and missing from
     * the result; otherwise they are overwritten (the upsert of the merge path). Rows go in id order
     * (the map is sorted), the lock order of {@link #lockRows}. The trigger stamps the versions.
     * Returns id → new row version of every row written.
     */
    static Map<UUID, Long> writeSetBased(DSLContext tx, UUID clinicId, SyncedTable table,
                                         Map<UUID, ServerRow> rows, boolean onlyNew) {
        List<Field<?>> columns = table.allFields().stream()
                .filter(f -> f != table.ROW_VERSION && f != table.CLINIC_ID).toList();
        List<Object> params = new ArrayList<>(columns.size() + 1);
        params.add(DSL.val(clinicId));
        for (Field<?> f : columns) {
            String[] values = new String[rows.size()];
            int i = 0;
            for (var e : rows.entrySet()) {
                values[i++] = text(e.getValue().column(table, f, clinicId, e.getKey()));
            }
            params.add(DSL.val(arrayLiteral(values)));
        }
        Map<UUID, Long> versions = new HashMap<>();
        tx.resultQuery(setBasedSql(table, columns, onlyNew), params.toArray())
                .forEach(r -> versions.put(r.get(0, UUID.class), r.get(1, Long.class)));
        return versions;
    }

    private static final Map<String, String> SET_BASED_SQL = new java.util.concurrent.ConcurrentHashMap<>();

    private static String setBasedSql(SyncedTable table, List<Field<?>> columns, boolean onlyNew) {
        return SET_BASED_SQL.computeIfAbsent(table.name() + (onlyNew ? "/new" : "/upsert"), k -> {
            StringBuilder names = new StringBuilder("\"clinic_id\"");
            StringBuilder select = new StringBuilder("{0}");
            StringBuilder arrays = new StringBuilder();
            StringBuilder aliases = new StringBuilder();
            StringBuilder set = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                Field<?> f = columns.get(i);
                String column = "\"" + f.getName() + "\"";
                names.append(", ").append(column);
                select.append(", u.c").append(i).append("::").append(pgType(f));
                arrays.append(i == 0 ? "" : ", ").append('{').append(i + 1).append("}::text[]");
                aliases.append(i == 0 ? "" : ", ").append('c').append(i);
                if (f != table.ID) {
                    set.append(set.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
                }
            }
            return "INSERT INTO \"" + table.name() + "\" (" + names + ") SELECT " + select
                    + " FROM unnest(" + arrays + ") AS u(" + aliases + ")"
                    + " ON CONFLICT (\"clinic_id\", \"id\") " + (onlyNew ? "DO NOTHING" : "DO UPDATE SET " + set)
                    + " RETURNING \"id\", \"row_version\"";
        });
    }

    /** The PostgreSQL type a column's text form is cast to (the server's column types, by Java type). */
    private static String pgType(Field<?> f) {
        Class<?> type = f.getType();
        if (type == UUID.class) return "uuid";
        if (type == java.time.LocalDate.class) return "date";
        if (type == Instant.class) return "timestamptz";
        if (type == Integer.class) return "integer";
        if (type == Long.class) return "bigint";
        if (type == Boolean.class) return "boolean";
        if (type == String.class) return "text";
        throw new IllegalArgumentException("Unsupported column type " + type + " for " + f);
    }

    /** A value's text form, which PostgreSQL reads back exactly (ISO dates and instants, UTC). */
    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case java.time.OffsetDateTime o -> o.toInstant().toString();
            default -> value.toString(); // UUID, LocalDate, Instant (ISO-8601, Z), Integer, Long
        };
    }

    private static void recordApplied(DSLContext tx, UUID clinicId, UUID deviceId, List<OutboxEntry> ops,
                                      Map<UUID, RowKey> opRows, Map<RowKey, Long> versions,
                                      Map<UUID, String> payloads, Map<UUID, Boolean> conflict) {
        List<OutboxEntry> applied = ops.stream().filter(op -> opRows.containsKey(op.opId())).toList();
        if (applied.isEmpty()) {
            return;
        }
        int n = applied.size();
        String[] opIds = new String[n];
        String[] tables = new String[n];
        String[] rowIds = new String[n];
        String[] rowVersions = new String[n];
        String[] texts = new String[n];
        String[] sums = new String[n];
        String[] outcomes = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxEntry op = applied.get(i);
            opIds[i] = op.opId().toString();
            tables[i] = op.tableName();
            rowIds[i] = op.rowId().toString();
            Long version = versions.get(opRows.get(op.opId()));
            rowVersions[i] = version == null ? null : version.toString();
            texts[i] = payloads.get(op.opId());
            sums[i] = op.checksum();
            outcomes[i] = conflict.get(op.opId()) ? "conflict" : "applied";
        }
        // The applied_ops_verify trigger recomputes each payload's SHA-256 here: the one check of
        // the op's checksum, in the transaction that applies it (a mismatch fails the whole batch).
        tx.execute("INSERT INTO applied_ops (clinic_id, op_id, device_id, table_name, row_id, row_version, payload,"
                        + " checksum, outcome) SELECT {0}, u.op_id, {1}, u.table_name, u.row_id, u.row_version,"
                        + " u.payload, u.checksum, u.outcome FROM unnest({2}::uuid[], {3}::text[], {4}::uuid[],"
                        + " {5}::bigint[], {6}::text[], {7}::text[], {8}::text[])"
                        + " AS u(op_id, table_name, row_id, row_version, payload, checksum, outcome)",
                DSL.val(clinicId), DSL.val(deviceId), DSL.val(arrayLiteral(opIds)), DSL.val(arrayLiteral(tables)),
                DSL.val(arrayLiteral(rowIds)), DSL.val(arrayLiteral(rowVersions)), DSL.val(arrayLiteral(texts)),
                DSL.val(arrayLiteral(sums)), DSL.val(arrayLiteral(outcomes)));
    }

    /**
     * A PostgreSQL array literal of text elements, bound as one string and cast on the server
     * ({@code ?::text[]}, {@code ?::uuid[]}…): every element double-quoted with {@code "} and
     * {@code \} escaped by a backslash, so braces, commas, blanks, quotes and the word NULL arrive as
     * they are; a null element is an unquoted NULL. One pass over the text, instead of the driver's
     * per-element escaping (the largest item of the push thread's own CPU after JSON).
     */
    static String arrayLiteral(String[] values) {
        int size = 2;
        for (String v : values) {
            size += v == null ? 5 : v.length() + 3;
        }
        StringBuilder out = new StringBuilder(size + size / 16);
        out.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values[i];
            if (v == null) {
                out.append("NULL");
                continue;
            }
            out.append('"');
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }

    record RowKey(SyncedTable table, UUID id) {
    }

    /** The server's copy of a row while a batch is merged into it. */
    static final class ServerRow {
        final Map<String, Object> values = new HashMap<>();
        final Map<String, Long> fieldVersions = new HashMap<>();
        boolean deleted;
        long updatedAt;
        UUID updatedBy;
        Long version;
        boolean dirty;

        static ServerRow of(SyncedTable table, Record r) {
            ServerRow row = new ServerRow();
            for (Field<?> f : table.dataFields()) {
                row.values.put(f.getName(), r.get(f));
            }
            row.fieldVersions.putAll(CanonicalJson.readVersions(r.get(table.FIELD_VERSIONS)));
            row.deleted = r.get(table.DELETED);
            row.updatedAt = r.get(table.UPDATED_AT);
            row.updatedBy = r.get(table.UPDATED_BY);
            row.version = r.get(table.ROW_VERSION);
            return row;
        }

        static ServerRow fresh(OutboxEntry op, UUID device) {
            ServerRow row = new ServerRow();
            row.updatedBy = device;
            row.values.putAll(op.rowAfter());
            for (String f : op.changedFields()) {
                row.fieldVersions.put(f, op.hlc());
            }
            row.updatedAt = op.hlc();
            row.dirty = true;
            return row;
        }

        void set(String field, Object value, long hlc, UUID device) {
            updatedBy = device;
            if ("deleted".equals(field)) {
                deleted = (Boolean) value;
            } else {
                values.put(field, value);
            }
            fieldVersions.put(field, hlc);
            updatedAt = Math.max(updatedAt, hlc);
            dirty = true;
        }

        Object column(SyncedTable table, Field<?> f, UUID clinicId, UUID id) {
            if (f == table.ID) return id;
            if (f == table.CLINIC_ID) return clinicId;
            if (f == table.UPDATED_AT) return updatedAt;
            if (f == table.UPDATED_BY) return updatedBy;
            if (f == table.DELETED) return deleted;
            if (f == table.FIELD_VERSIONS) return CanonicalJson.write(new java.util.TreeMap<>(fieldVersions));
            return values.get(f.getName());
        }
    }
}
