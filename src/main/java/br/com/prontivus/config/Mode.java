package br.com.prontivus.config;

/** Deployment mode, derived from USE_DATABASE, USE_SQLITE and the PostgreSQL settings (see DESIGN.md). */
public enum Mode {
    /** SQLite only; the outbox keeps every change until a server is configured. */
    OFFLINE,
    /** SQLite for the UI plus sync with PostgreSQL. */
    HYBRID,
    /** Repositories run directly on PostgreSQL; no SQLite, no outbox. */
    CLOUD,
    /** USE_DATABASE=false: demo only, nothing is persisted. The UI must say so loudly. */
    NO_PERSISTENCE
}
