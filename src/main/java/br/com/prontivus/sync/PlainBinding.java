package br.com.prontivus.sync;

import br.com.prontivus.store.schema.SyncedTable;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The pull's row upsert for a bulk bootstrap, bound through plain JDBC: the same statement as
 * {@code Puller.upsertBatch} ({@link Puller#upsertStatement}, rendered by jOOQ), but each value set with one JDBC call instead of
 * jOOQ's per-value binding, which cost about as much as SQLite's own work per row once the
 * secondary indexes were out of the way. Values are bound as jOOQ binds them for SQLite (UUIDs and
 * dates as their ISO text, booleans through setBoolean); a table with a column of another type is
 * not {@link #covered} and keeps the jOOQ path. BulkBootstrapTest compares every stored value,
 * as SQLite holds it, with the per-row path.
 */
final class PlainBinding {

    private static final Set<Class<?>> TYPES = Set.of(String.class, Long.class, Integer.class, Boolean.class,
            UUID.class, LocalDate.class);

    private PlainBinding() {
    }

    static boolean covers(SyncedTable table) {
        return table.allFields().stream().allMatch(f -> TYPES.contains(f.getType()));
    }

    static void upsert(DSLContext dsl, SyncedTable table, List<Puller.PulledRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Field<?>> columns = table.allFields();
        String sql = dsl.render(Puller.upsertStatement(dsl, table));
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                // Values go straight to the driver's statement: through the writer's statement cache
                // (a dynamic proxy) every set call is a reflective call, 17 per row. The batch still
                // runs through the cache, so a failure there retires the statement as usual.
                PreparedStatement direct = ps.unwrap(PreparedStatement.class);
                for (Puller.PulledRow row : rows) {
                    Record r = row.record();
                    // The server's record has the table's fields in this order (fetch selects allFields()).
                    for (int i = 0; i < columns.size(); i++) {
                        bind(direct, i + 1, r.get(i));
                    }
                    direct.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws java.sql.SQLException {
        switch (value) {
            case null -> ps.setNull(index, java.sql.Types.NULL);
            case String v -> ps.setString(index, v);
            case Long v -> ps.setLong(index, v);
            case Integer v -> ps.setInt(index, v);
            case Boolean v -> ps.setBoolean(index, v);
            case UUID v -> ps.setString(index, v.toString());
            case LocalDate v -> ps.setString(index, v.toString());
            default -> throw new IllegalStateException("Unexpected " + value.getClass() + " in a pulled row");
        }
    }
}
