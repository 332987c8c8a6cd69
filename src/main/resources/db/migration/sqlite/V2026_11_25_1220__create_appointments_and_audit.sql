CREATE TABLE appointments (
    id                TEXT PRIMARY KEY,
    clinic_id         TEXT NOT NULL,
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    practitioner_id   TEXT NOT NULL REFERENCES practitioners (id),
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    type              TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN
                        ('scheduled', 'confirmed', 'checked_in', 'in_service', 'completed', 'cancelled', 'no_show')),
    notes             TEXT,
    scheduled_at      TEXT NOT NULL,
    confirmed_at      TEXT,
    checked_in_at     TEXT,
    in_service_at     TEXT,
    completed_at      TEXT,
    cancelled_at      TEXT,
    no_show_at        TEXT,
    row_version       INTEGER,
    updated_at        INTEGER NOT NULL,
    updated_by        TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0,
    field_versions    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ix_appointments_practitioner_time ON appointments (clinic_id, practitioner_id, starts_at);
CREATE INDEX ix_appointments_time ON appointments (clinic_id, starts_at);
CREATE INDEX ix_appointments_patient ON appointments (clinic_id, patient_id, starts_at);

-- Append-only record of who did what; synced so the server keeps every desktop's trail.
CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    occurred_at     TEXT NOT NULL,
    user_id         TEXT,
    device_id       TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT,
    summary         TEXT NOT NULL,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ix_audit_log_time ON audit_log (clinic_id, occurred_at);
CREATE INDEX ix_audit_log_entity ON audit_log (clinic_id, entity, entity_id);

-- Content never changes; the sync columns (row_version when the server acknowledges) may.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.occurred_at IS NOT NEW.occurred_at OR OLD.user_id IS NOT NEW.user_id OR OLD.device_id IS NOT NEW.device_id
  OR OLD.action IS NOT NEW.action OR OLD.entity IS NOT NEW.entity OR OLD.entity_id IS NOT NEW.entity_id
  OR OLD.summary IS NOT NEW.summary
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
