package br.com.prontivus.sync;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.SyncedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Writes rows of synced tables and captures each change in the same transaction: it stamps the
 * sync columns (HLC, device, per-field versions) and hands the change to the {@link ChangeCapture}.
 * Every write of clinic data goes through here, so no change can escape the outbox.
 */
public final class ChangeWriter {

    private final UUID clinicId;
    private final UUID deviceId;
    private final HybridLogicalClock clock;
    private final ChangeCapture capture;

    public ChangeWriter(UUID clinicId, UUID deviceId, HybridLogicalClock clock, ChangeCapture capture) {
        this.clinicId = Objects.requireNonNull(clinicId);
        this.deviceId = Objects.requireNonNull(deviceId);
        this.clock = clock;
        this.capture = capture;
    }

    public UUID clinicId() {
        return clinicId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    /**
     * Inserts a new row; every business column of the table must be present in {@code values}.
     * Returns the row's HLC ({@code updated_at}), so that the caller need not read the row back.
     */
    public long insert(DSLContext tx, SyncedTable table, UUID id, Map<Field<?>, ?> values) {
        return insertRows(tx, table, List.of(new NewRow(id, values)));
    }

    /** A row to insert with {@link #insertAll}: its id and every business column. */
    public record NewRow(UUID id, Map<Field<?>, ?> values) {
    }

    /**
     * Inserts many rows of one table exactly as {@link #insert} would (stamps, field versions, one
     * captured change each), but with one prepared statement bound per row and sent as a batch.
     */
    public void insertAll(DSLContext tx, SyncedTable table, List<NewRow> rows) {
        if (!rows.isEmpty()) {
            insertRows(tx, table, rows);
        }
    }

    /** {@link #insertAll} of at least one row; returns the last row's HLC. */
    private long insertRows(DSLContext tx, SyncedTable table, List<NewRow> rows) {
        long hlc = 0;
        List<Field<?>> fields = new ArrayList<>(List.of(table.ID, table.CLINIC_ID, table.UPDATED_AT,
                table.UPDATED_BY, table.DELETED, table.FIELD_VERSIONS));
        fields.addAll(table.dataFields());
        List<Object[]> binds = new ArrayList<>(rows.size());
        List<RowChange> changes = new ArrayList<>(rows.size());
        for (NewRow r : rows) {
            hlc = clock.tick();
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Long> versions = new LinkedHashMap<>();
            Object[] bind = new Object[fields.size()];
            bind[0] = r.id();
            bind[1] = clinicId;
            bind[2] = hlc;
            bind[3] = deviceId;
            bind[4] = false;
            int i = 6;
            for (Field<?> field : table.dataFields()) {
                if (!r.values().containsKey(field)) {
                    throw new IllegalArgumentException("Missing value for " + field + " in insert into " + table);
                }
                Object value = r.values().get(field);
                row.put(field.getName(), value);
                versions.put(field.getName(), hlc);
                bind[i++] = value;
            }
            bind[5] = CanonicalJson.writeRow(versions); // the bytes of write(versions), without Jackson
            binds.add(bind);
            changes.add(new RowChange(Ids.newId(), clinicId, table, r.id(), ChangeKind.INSERT,
                    List.copyOf(row.keySet()), Map.of(), row, null, hlc, deviceId));
        }
        Object[] first = binds.getFirst();
        var query = tx.insertInto(table.table()).set(untyped(fields.getFirst()), first[0]);
        for (int i = 1; i < fields.size(); i++) {
            query = query.set(untyped(fields.get(i)), first[i]);
        }
        if (binds.size() == 1) {
            query.execute(); // a single registration: a plain statement, errors as the driver reports them
        } else {
            var batch = tx.batch(query);
            for (Object[] bind : binds) {
                batch = batch.bind(bind);
            }
            batch.execute();
        }
        capture.captureAll(tx, changes);
        return hlc;
    }

    /**
     * Sets the given columns of a live row. Only columns whose value really changes are written,
     * stamped and captured; returns false when nothing changed (and nothing was queued).
     *
     * @throws RowNotFoundException when the row does not exist in this clinic or is deleted
     */
    public boolean update(DSLContext tx, SyncedTable table, UUID id, Map<Field<?>, ?> changes) {
        Record current = fetchLive(tx, table, id).orElseThrow(() -> new RowNotFoundException(table, id));
        Map<Field<?>, Object> effective = new LinkedHashMap<>();
        changes.forEach((field, value) -> {
            if (!table.dataFields().contains(field)) {
                throw new IllegalArgumentException(field + " is not a business column of " + table);
            }
            if (!Objects.equals(CanonicalJson.canonical(current.get(field)), CanonicalJson.canonical(value))) {
                effective.put(field, value);
            }
        });
        if (effective.isEmpty()) {
            return false;
        }
        long hlc = clock.tick();
        Map<String, Long> versions = CanonicalJson.readVersions(current.get(table.FIELD_VERSIONS));
        List<String> changed = new ArrayList<>();
        Map<String, Object> base = new LinkedHashMap<>();
        effective.keySet().forEach(f -> {
            versions.put(f.getName(), hlc);
            changed.add(f.getName());
            base.put(f.getName(), current.get(f));
        });
        var update = tx.update(table.table())
                .set(table.UPDATED_AT, hlc)
                .set(table.UPDATED_BY, deviceId)
                .set(table.FIELD_VERSIONS, CanonicalJson.write(versions));
        for (var e : effective.entrySet()) {
            update = update.set(untyped(e.getKey()), e.getValue());
        }
        update.where(table.ID.eq(id)).and(table.CLINIC_ID.eq(clinicId)).execute();
        capture.capture(tx, new RowChange(Ids.newId(), clinicId, table, id, ChangeKind.UPDATE,
                changed, base, rowAfter(table, current, effective), current.get(table.ROW_VERSION), hlc, deviceId));
        return true;
    }

    /** Marks a live row deleted (a tombstone that syncs); the row itself stays until retention. */
    public void delete(DSLContext tx, SyncedTable table, UUID id) {
        setDeleted(tx, table, id, true);
    }

    /**
     * Brings a deleted row back (an administrator settling a delete-versus-edit conflict): a synced
     * change of the {@code deleted} field alone.
     */
    public void restore(DSLContext tx, SyncedTable table, UUID id) {
        setDeleted(tx, table, id, false);
    }

    /** Flips the tombstone of a row that is in the other state, stamped and captured like any change. */
    private void setDeleted(DSLContext tx, SyncedTable table, UUID id, boolean deleted) {
        Record current = tx.select(table.allFields()).from(table.table())
                .where(table.ID.eq(id)).and(table.CLINIC_ID.eq(clinicId)).and(table.DELETED.eq(!deleted))
                .fetchOptional().orElseThrow(() -> new RowNotFoundException(table, id));
        long hlc = clock.tick();
        Map<String, Long> versions = CanonicalJson.readVersions(current.get(table.FIELD_VERSIONS));
        versions.put("deleted", hlc);
        tx.update(table.table())
                .set(table.DELETED, deleted)
                .set(table.UPDATED_AT, hlc)
                .set(table.UPDATED_BY, deviceId)
                .set(table.FIELD_VERSIONS, CanonicalJson.write(versions))
                .where(table.ID.eq(id)).and(table.CLINIC_ID.eq(clinicId))
                .execute();
        Map<String, Object> after = rowAfter(table, current, Map.of());
        if (!deleted) {
            after.put("deleted", false); // a revive is an update of "deleted": the server reads its new value here
        }
        capture.capture(tx, new RowChange(Ids.newId(), clinicId, table, id,
                deleted ? ChangeKind.DELETE : ChangeKind.UPDATE, List.of("deleted"), Map.of("deleted", !deleted),
                after, current.get(table.ROW_VERSION), hlc, deviceId));
    }

    private Optional<Record> fetchLive(DSLContext tx, SyncedTable table, UUID id) {
        return tx.select(table.allFields()).from(table.table())
                .where(table.ID.eq(id)).and(table.CLINIC_ID.eq(clinicId)).and(table.DELETED.isFalse())
                .fetchOptional();
    }

    private static Map<String, Object> rowAfter(SyncedTable table, Record current, Map<Field<?>, Object> changes) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field<?> field : table.dataFields()) {
            row.put(field.getName(), changes.containsKey(field) ? changes.get(field) : current.get(field));
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> untyped(Field<?> field) {
        return (Field<Object>) field;
    }

    /** The row to change does not exist in this clinic, or it was deleted. */
    public static final class RowNotFoundException extends RuntimeException {
        private final transient SyncedTable table;
        private final UUID id;

        public RowNotFoundException(SyncedTable table, UUID id) {
            super("No " + table.name() + " row " + id);
            this.table = table;
            this.id = id;
        }

        public SyncedTable table() {
            return table;
        }

        public UUID id() {
            return id;
        }
    }
}
