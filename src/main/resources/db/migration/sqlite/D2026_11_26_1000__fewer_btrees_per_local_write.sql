-- Undo V2026_11_26_1000: the plain CPF index comes back (older code binds `deleted` and needs it).
CREATE INDEX ix_patients_cpf ON patients (clinic_id, cpf);

-- The outbox gets AUTOINCREMENT back; its sqlite_sequence row starts at the largest seq present.
CREATE TABLE outbox_old (
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
INSERT INTO outbox_old SELECT seq, op_id, clinic_id, table_name, row_id, kind, changed_fields, base_values,
    row_after, base_version, hlc, checksum, status, attempts, next_attempt_at, last_error, created_at,
    acknowledged_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_old RENAME TO outbox;
CREATE INDEX ix_outbox_status ON outbox (status, seq);
CREATE INDEX ix_outbox_row ON outbox (table_name, row_id, seq);
