package br.com.prontivus.migration;

import java.util.Locale;

/** What a row of {@code migration_audit} records. */
public enum MigrationAction {
    MIGRATE, ROLLBACK, VALIDATE, SNAPSHOT;

    /** Value stored in the {@code action} column: {@code migrate}, {@code rollback}, ... */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MigrationAction fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
