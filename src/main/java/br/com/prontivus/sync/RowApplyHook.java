package br.com.prontivus.sync;

import br.com.prontivus.store.schema.SyncedTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Derived local data that must follow rows written by a pull (the patient name index, for one),
 * called in the same SQLite transaction as the row. Registered by the composition root, so the
 * sync engine does not need to know the clinic's domain.
 */
@FunctionalInterface
public interface RowApplyHook {

    void applied(DSLContext tx, SyncedTable table, UUID clinicId, UUID rowId, Map<String, Object> row, boolean deleted);

    /** One row of a chunk written by a pull: its id, data fields (by column name) and tombstone flag. */
    record AppliedRow(UUID rowId, Map<String, Object> row, boolean deleted) {
    }

    /**
     * All rows of one table that a pull chunk wrote, in version order, in the chunk's transaction.
     * The default calls {@link #applied} per row; a hook whose per-row work is a few statements
     * overrides this to send them as statement batches (a bootstrap pulls a million rows).
     */
    default void appliedAll(DSLContext tx, SyncedTable table, UUID clinicId, List<AppliedRow> rows) {
        for (AppliedRow r : rows) {
            applied(tx, table, clinicId, r.rowId(), r.row(), r.deleted());
        }
    }

    /**
     * Rebuilds this hook's derived data for every row of {@code table} of the clinic from the rows
     * as they are now, in the caller's transaction. A bulk bootstrap loads the big tables without
     * calling the hook per chunk and calls this once at the end (see {@link BulkBootstrap}); the
     * result must equal what the per-chunk calls would have left. The default feeds the rows to
     * {@link #appliedAll} in slices, which is that by definition (a hook must already cope with a
     * row applied twice); a hook with a cheaper whole-table form overrides it.
     */
    default void rebuildAll(DSLContext tx, SyncedTable table, UUID clinicId) {
        List<AppliedRow> slice = new ArrayList<>();
        try (var rows = tx.select(table.allFields()).from(table.table()).where(table.CLINIC_ID.eq(clinicId))
                .orderBy(table.ROW_VERSION).fetchLazy()) {
            for (org.jooq.Record r : rows) {
                Map<String, Object> values = new HashMap<>();
                for (org.jooq.Field<?> f : table.dataFields()) {
                    values.put(f.getName(), r.get(f));
                }
                slice.add(new AppliedRow(r.get(table.ID), values, r.get(table.DELETED)));
                if (slice.size() == 5_000) {
                    appliedAll(tx, table, clinicId, slice);
                    slice = new ArrayList<>();
                }
            }
        }
        if (!slice.isEmpty()) {
            appliedAll(tx, table, clinicId, slice);
        }
    }

    /**
     * For a bulk bootstrap: this hook's derived data of {@code table}, computed from the pulled rows
     * while the load runs instead of read back from the table at the end. Empty (the default) when
     * the hook has no such form; {@link #rebuildAll} then reads the loaded rows.
     */
    default java.util.Optional<BulkDerivation> bulkDerivation(SyncedTable table, UUID clinicId) {
        return java.util.Optional.empty();
    }

    /**
     * Derived data of one table built alongside a bulk load, in three steps: {@link #prepare} on the
     * pull's reader thread for each chunk as it is read (no database access), {@link Prepared#commit}
     * on the writing thread once the transaction that wrote those rows has committed, and
     * {@link #writeAll} in place of {@link #rebuildAll} when the load is finished. Rows whose
     * transaction failed are never committed here, so what is written follows the rows the table
     * holds, exactly as {@link #rebuildAll} would have read them. {@link #prepare} runs on one
     * thread only; {@link #writeAll} runs only after a load that ended normally, once that thread
     * has handed over its last chunk, so state kept by {@link #prepare} may be read there.
     */
    interface BulkDerivation {

        /** Computes the derived data of rows just read (the table's rows of one chunk, in version order). */
        Prepared prepare(List<AppliedRow> rows);

        /** Writes the derived data of every committed row, in the caller's transaction. */
        void writeAll(DSLContext tx);
    }

    /** The derived data of one chunk's rows, kept only once {@link #commit} says they were written. */
    @FunctionalInterface
    interface Prepared {
        void commit();
    }

    /**
     * True when {@link #rebuildAll} only writes rows whose references point at rows it read in the
     * same transaction, so a bulk bootstrap may run it with SQLite's foreign key checks off (a
     * parent lookup per derived row saved). False by default.
     */
    default boolean rebuildReferencesOnlyRowsItReads() {
        return false;
    }
}
