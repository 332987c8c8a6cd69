-- The outbox: every local change, committed in the same transaction as the change itself.
-- base_values holds the changed fields' values before the change (the "base" of a three-way merge),
-- row_after the whole row after it; checksum is SHA-256 of the canonical payload (sync/OpChecksum).
CREATE TABLE outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id            TEXT NOT NULL UNIQUE,
    clinic_id        TEXT NOT NULL,
    table_name       TEXT NOT NULL,
    row_id           TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
    changed_fields   TEXT NOT NULL,
    base_values      TEXT NOT NULL,
    row_after        TEXT NOT NULL,
    base_version     INTEGER,
    hlc              INTEGER NOT NULL,
    checksum         TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acknowledged', 'parked')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    acknowledged_at  TEXT
) STRICT;
CREATE INDEX ix_outbox_status ON outbox (status, seq);
CREATE INDEX ix_outbox_row ON outbox (table_name, row_id, seq);
