package br.com.prontivus.store.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A table that takes part in synchronisation: its business columns plus the sync columns every
 * synced table carries (docs/adr/0002-sync-columns.md). Written by hand instead of generated,
 * because one definition must serve both dialects (docs/adr/0003-hand-written-jooq-schema.md).
 */
public abstract class SyncedTable {

    private final String name;
    private final Table<Record> table;
    private final List<Field<?>> dataFields = new ArrayList<>();
    private final Map<String, Field<?>> byColumn = new LinkedHashMap<>();

    public final Field<UUID> ID;
    public final Field<UUID> CLINIC_ID;
    public final Field<Long> ROW_VERSION;
    public final Field<Long> UPDATED_AT;
    public final Field<UUID> UPDATED_BY;
    public final Field<Boolean> DELETED;
    public final Field<String> FIELD_VERSIONS;

    protected SyncedTable(String name) {
        this.name = name;
        this.table = DSL.table(DSL.name(name));
        this.ID = register("id", SQLDataType.UUID.notNull());
        this.CLINIC_ID = register("clinic_id", SQLDataType.UUID.notNull());
        this.ROW_VERSION = register("row_version", SQLDataType.BIGINT);
        this.UPDATED_AT = register("updated_at", SQLDataType.BIGINT.notNull());
        this.UPDATED_BY = register("updated_by", SQLDataType.UUID.notNull());
        this.DELETED = register("deleted", SQLDataType.BOOLEAN.notNull());
        this.FIELD_VERSIONS = register("field_versions", SQLDataType.CLOB.notNull());
    }

    /** Declares a business column: one that users change and the sync engine merges field by field. */
    protected final <T> Field<T> column(String column, DataType<T> type) {
        Field<T> field = register(column, type);
        dataFields.add(field);
        return field;
    }

    private <T> Field<T> register(String column, DataType<T> type) {
        Field<T> field = DSL.field(DSL.name(name, column), type);
        byColumn.put(column, field);
        return field;
    }

    public final String name() {
        return name;
    }

    public final Table<Record> table() {
        return table;
    }

    /** Business columns in declaration order (not id, clinic_id nor the sync columns). */
    public final List<Field<?>> dataFields() {
        return Collections.unmodifiableList(dataFields);
    }

    /** Every column of the table, in declaration order. */
    public final List<Field<?>> allFields() {
        return List.copyOf(byColumn.values());
    }

    public final Field<?> field(String column) {
        Field<?> field = byColumn.get(column);
        if (field == null) {
            throw new IllegalArgumentException("Table " + name + " has no column " + column);
        }
        return field;
    }

    public final boolean hasColumn(String column) {
        return byColumn.containsKey(column);
    }

    @Override
    public final String toString() {
        return name;
    }
}
