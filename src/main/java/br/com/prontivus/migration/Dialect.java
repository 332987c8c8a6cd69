package br.com.prontivus.migration;

/** The two databases Prontivus migrates, each with its own folder of scripts (same versions in both). */
public enum Dialect {
    SQLITE("sqlite", "SQLite"),
    POSTGRESQL("postgresql", "PostgreSQL");

    private final String folder;
    private final String displayName;

    Dialect(String folder, String displayName) {
        this.folder = folder;
        this.displayName = displayName;
    }

    /** Classpath location of this dialect's scripts, e.g. {@code db/migration/sqlite}. */
    public String location() {
        return "db/migration/" + folder;
    }

    /** Name of this dialect's sub-folder under a migration root, e.g. {@code sqlite}. */
    public String folderName() {
        return folder;
    }

    public String displayName() {
        return displayName;
    }
}
