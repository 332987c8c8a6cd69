-- Where this desktop stands with the server (one row).
CREATE TABLE sync_state (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    pull_cursor     INTEGER NOT NULL DEFAULT 0,
    last_push_at    TEXT,
    last_pull_at    TEXT,
    last_success_at TEXT,
    last_error      TEXT,
    last_error_at   TEXT,
    server_schema   TEXT
) STRICT;
INSERT INTO sync_state (singleton, pull_cursor) VALUES (1, 0);

-- Conflicts found by the server, pulled like any clinic data; resolving one is a synced change.
CREATE TABLE sync_conflicts (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    table_name      TEXT NOT NULL,
    row_id          TEXT NOT NULL,
    op_id           TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    fields          TEXT NOT NULL,
    strategy        TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    detected_at     TEXT NOT NULL,
    resolved_at     TEXT,
    resolved_by     TEXT,
    resolution      TEXT,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ix_sync_conflicts_status ON sync_conflicts (clinic_id, status, detected_at);
CREATE INDEX ix_sync_conflicts_row ON sync_conflicts (table_name, row_id);
