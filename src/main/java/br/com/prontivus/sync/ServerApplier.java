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
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The server side of a push, run inside one PostgreSQL transaction: verifies checksums (in SQL,
 * on the server), skips ops already applied, merges field by field against the locked server
 * rows, settles same-field conflicts by the strategy, writes rows, applied op ids and conflict
 * records together, and notifies listeners. Rows get their versions from the server's trigger.
 */
public final class ServerApplier {

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
        Map<UUID, PushOutcome> outcomes = new LinkedHashMap<>();
        Map<UUID, String> payloads = new HashMap<>();
        for (OutboxEntry op : batch) {
            payloads.put(op.opId(), op.canonicalPayload());
        }
        Set<UUID> damaged = damaged(tx, batch, payloads);
        Map<UUID, Long> done = alreadyApplied(tx, clinicId, batch);
        for (OutboxEntry op : batch) {
            if (!op.clinicId().equals(clinicId)) {
                throw new IllegalArgumentException("Op " + op.opId() + " belongs to another clinic");
            }
        }

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

        Map<RowKey, ServerRow> rows = lockRows(tx, clinicId, todo);
        List<Map<String, Object>> conflicts = new ArrayList<>();
        Map<UUID, RowKey> opRows = new LinkedHashMap<>();
        Map<UUID, Boolean> opConflict = new HashMap<>();
        for (OutboxEntry op : todo) {
            RowKey key = new RowKey(op.table(), op.rowId());
            if (blocked.contains(key)) {
                continue;
            }
            ServerRow row = rows.get(key);
            if (row == null && op.kind() != ChangeKind.INSERT) {
                outcomes.put(op.opId(), new PushOutcome.Rejected(op.opId(),
                        "the row " + op.tableName() + "/" + op.rowId() + " does not exist on the server"));
                blocked.add(key);
                continue;
            }
            List<ConflictField> fields = new ArrayList<>();
            if (row == null) {
                row = ServerRow.fresh(op, deviceId);
                rows.put(key, row);
            } else {
                fields = merge(op, row);
            }
            opRows.put(op.opId(), key);
            opConflict.put(op.opId(), !fields.isEmpty());
            if (!fields.isEmpty()) {
                conflicts.add(conflictRecord(op, fields));
            }
        }

        int needed = versionsNeeded(rows.values(), conflicts.size());
        if (needed > 0) {
            reserveVersions(tx, clinicId, needed);
        }
        Map<RowKey, Long> versions = writeRows(tx, clinicId, rows);
        recordApplied(tx, clinicId, deviceId, todo, opRows, versions, payloads, opConflict);
        for (Map<String, Object> conflict : conflicts) {
            insertConflict(tx, conflict);
        }
        if (needed > 0) {
            releaseVersions(tx, clinicId);
        }
        long maxVersion = versions.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (maxVersion > 0) {
            tx.select(DSL.field("pg_notify({0}, {1})", String.class,
                    DSL.val(ChangeNotifications.channel(clinicId)), DSL.val(Long.toString(maxVersion)))).fetch();
        }
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
     * How many versions the batch's writes take from the clinic's counter: the version trigger
     * fires once per inserted row, twice per upserted row that exists (BEFORE INSERT on the
     * proposed row, then BEFORE UPDATE), once per conflict record. A wrong guess costs nothing:
     * past the reservation the trigger falls back to the counter, and the unused rest is released.
     */
    static int versionsNeeded(java.util.Collection<ServerRow> rows, int conflicts) {
        int n = conflicts;
        for (ServerRow row : rows) {
            if (row.dirty) {
                n += row.version == null ? 1 : 2;
            }
        }
        return n;
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

    /** Hands unused reserved versions back, so the committed counter is the newest visible version. */
    private static void releaseVersions(DSLContext tx, UUID clinicId) {
        tx.select(DSL.field("release_row_versions({0})", Long.class, DSL.val(clinicId))).fetch();
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

    /** Locks the server rows the batch touches (FOR UPDATE), one query per table. */
    private static Map<RowKey, ServerRow> lockRows(DSLContext tx, UUID clinicId, List<OutboxEntry> ops) {
        // One lock order for every pusher, tables in SYNCED_TABLES order and ids sorted, so two
        // desktops pushing overlapping rows of several tables cannot deadlock.
        Map<SyncedTable, Set<UUID>> byTable = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(Schema.SYNCED_TABLES::indexOf));
        for (OutboxEntry op : ops) {
            byTable.computeIfAbsent(op.table(), t -> new HashSet<>()).add(op.rowId());
        }
        Map<RowKey, ServerRow> rows = new HashMap<>();
        byTable.forEach((table, ids) -> tx.select(table.allFields()).from(table.table())
                .where(table.CLINIC_ID.eq(clinicId)).and(table.ID.eq(DSL.any(ids.toArray(UUID[]::new)))) // see alreadyApplied
                .orderBy(table.ID) // a fixed lock order: two desktops pushing overlapping rows cannot deadlock
                .forUpdate()
                .forEach(r -> rows.put(new RowKey(table, r.get(table.ID)), ServerRow.of(table, r))));
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

    /** Writes every changed row with one upsert per table; the trigger stamps the versions. */
    private static Map<RowKey, Long> writeRows(DSLContext tx, UUID clinicId, Map<RowKey, ServerRow> rows) {
        // Parents before children (SYNCED_TABLES is in dependency order): a batch that inserts a
        // patient and books an appointment for it must not break the foreign key on its own.
        Map<SyncedTable, List<Map.Entry<RowKey, ServerRow>>> byTable = new LinkedHashMap<>();
        Schema.SYNCED_TABLES.forEach(t -> byTable.put(t, new ArrayList<>()));
        rows.entrySet().stream().filter(e -> e.getValue().dirty)
                .forEach(e -> byTable.get(e.getKey().table()).add(e));
        byTable.values().removeIf(List::isEmpty);
        Map<RowKey, Long> versions = new HashMap<>();
        for (var entry : byTable.entrySet()) {
            SyncedTable table = entry.getKey();
            List<Field<?>> columns = table.allFields().stream()
                    .filter(f -> f != table.ROW_VERSION).toList();
            InsertValuesStepN<Record> insert = tx.insertInto(table.table(), columns);
            for (var e : entry.getValue()) {
                ServerRow row = e.getValue();
                List<Object> values = new ArrayList<>();
                for (Field<?> f : columns) {
                    values.add(row.column(table, f, clinicId, e.getKey().id()));
                }
                insert = insert.values(values);
            }
            var upsert = insert.onConflict(table.CLINIC_ID, table.ID).doUpdate();
            org.jooq.InsertOnDuplicateSetMoreStep<Record> set = null;
            for (Field<?> f : columns) {
                if (f == table.CLINIC_ID || f == table.ID) {
                    continue;
                }
                set = set == null ? upsert.set(untyped(f), (Object) DSL.excluded(f)) : set.set(untyped(f), (Object) DSL.excluded(f));
            }
            set.returning(table.ID, table.ROW_VERSION)
                    .fetch()
                    .forEach(r -> versions.put(new RowKey(table, r.get(table.ID)), r.get(table.ROW_VERSION)));
        }
        return versions;
    }

    private static void recordApplied(DSLContext tx, UUID clinicId, UUID deviceId, List<OutboxEntry> ops,
                                      Map<UUID, RowKey> opRows, Map<RowKey, Long> versions,
                                      Map<UUID, String> payloads, Map<UUID, Boolean> conflict) {
        var t = DSL.table(DSL.name("applied_ops"));
        var insert = tx.insertInto(t, DSL.field(DSL.name("clinic_id")), DSL.field(DSL.name("op_id")),
                DSL.field(DSL.name("device_id")), DSL.field(DSL.name("table_name")), DSL.field(DSL.name("row_id")),
                DSL.field(DSL.name("row_version")), DSL.field(DSL.name("payload")), DSL.field(DSL.name("checksum")),
                DSL.field(DSL.name("outcome")));
        boolean any = false;
        for (OutboxEntry op : ops) {
            RowKey key = opRows.get(op.opId());
            if (key == null) {
                continue;
            }
            insert = insert.values(clinicId, op.opId(), deviceId, op.tableName(), op.rowId(), versions.get(key),
                    payloads.get(op.opId()), op.checksum(), conflict.get(op.opId()) ? "conflict" : "applied");
            any = true;
        }
        if (any) {
            insert.execute();
        }
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> untyped(Field<?> field) {
        return (Field<Object>) field;
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
