package br.com.prontivus.sync;

import br.com.prontivus.store.schema.SyncedTable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One captured change of one row: what the outbox records and the server applies.
 *
 * @param rowAfter      every column of the row after the change (column name → value), sync columns excluded
 * @param changedFields the business columns this change set (all of them for an insert; "deleted" for a delete)
 * @param baseValues    the changed columns' values before the change: the base of the server's three-way merge
 * @param baseVersion   the server row version the change was made on (null for a row never acknowledged)
 */
public record RowChange(UUID opId, UUID clinicId, SyncedTable table, UUID rowId, ChangeKind kind,
                        List<String> changedFields, Map<String, Object> baseValues, Map<String, Object> rowAfter, Long baseVersion, long hlc,
                        UUID deviceId) {
}
