-- Fewer B-trees per patient write (issue 3, `prontivus bench local`; see docs/PERFORMANCE.md).
--
-- ix_patients_cpf (clinic_id, cpf) was added in 2026.11.25.1300 because the CPF checks bound
-- `deleted` as a parameter, and SQLite uses the partial unique index ux_patients_cpf (clinic_id,
-- cpf) WHERE cpf IS NOT NULL AND deleted = 0 only when the query states `deleted = 0` literally.
-- They now do (PatientService.live), so ux_patients_cpf serves every CPF lookup (equality, IN,
-- prefix ranges; it holds exactly the live patients those look for) and the copy only cost each
-- registration and each imported patient one more B-tree insert and one more dirty page in the
-- commit. ux_patients_cpf stays, unchanged, as the uniqueness rule.
DROP INDEX ix_patients_cpf;

-- The outbox without AUTOINCREMENT: AUTOINCREMENT made every insert also update the outbox's
-- row of sqlite_sequence, one more B-tree and one more dirty page in every registration's commit
-- (two outbox rows per registered patient). seq only orders the rows that exist: without
-- AUTOINCREMENT a new row still gets max(seq) + 1, above every row present, so pushing in seq order
-- is unchanged. The difference is that the seq of a purged acknowledged entry (retention) may be
-- given again; nothing refers to an entry that is gone (exactly-once goes by op_id).
CREATE TABLE outbox_new (
    seq              INTEGER PRIMARY KEY,
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
INSERT INTO outbox_new SELECT seq, op_id, clinic_id, table_name, row_id, kind, changed_fields, base_values,
    row_after, base_version, hlc, checksum, status, attempts, next_attempt_at, last_error, created_at,
    acknowledged_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX ix_outbox_status ON outbox (status, seq);
CREATE INDEX ix_outbox_row ON outbox (table_name, row_id, seq);
