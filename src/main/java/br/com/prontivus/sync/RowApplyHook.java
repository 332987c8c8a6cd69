package br.com.prontivus.sync;

import br.com.prontivus.store.schema.SyncedTable;
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
}
