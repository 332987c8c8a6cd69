package br.com.prontivus.sync;

import br.com.prontivus.store.schema.SyncedTable;
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
}
