CREATE TABLE appointments (
    id                uuid NOT NULL,
    clinic_id         uuid NOT NULL,
    patient_id        uuid NOT NULL,
    practitioner_id   uuid NOT NULL,
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    type              text NOT NULL,
    status            text NOT NULL CHECK (status IN
                        ('scheduled', 'confirmed', 'checked_in', 'in_service', 'completed', 'cancelled', 'no_show')),
    notes             text,
    scheduled_at      timestamptz NOT NULL,
    confirmed_at      timestamptz,
    checked_in_at     timestamptz,
    in_service_at     timestamptz,
    completed_at      timestamptz,
    cancelled_at      timestamptz,
    no_show_at        timestamptz,
    row_version       bigint,
    updated_at        bigint NOT NULL,
    updated_by        uuid NOT NULL,
    deleted           boolean NOT NULL DEFAULT false,
    field_versions    text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id)
);
CREATE INDEX ix_appointments_practitioner_time ON appointments (clinic_id, practitioner_id, starts_at);
CREATE INDEX ix_appointments_time ON appointments (clinic_id, starts_at);
CREATE INDEX ix_appointments_patient ON appointments (clinic_id, patient_id, starts_at);
CREATE INDEX ix_appointments_version ON appointments (clinic_id, row_version);

CREATE TABLE audit_log (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    occurred_at     timestamptz NOT NULL,
    user_id         uuid,
    device_id       uuid NOT NULL,
    action          text NOT NULL,
    entity          text NOT NULL,
    entity_id       uuid,
    summary         text NOT NULL,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX ix_audit_log_time ON audit_log (clinic_id, occurred_at);
CREATE INDEX ix_audit_log_entity ON audit_log (clinic_id, entity, entity_id);
CREATE INDEX ix_audit_log_version ON audit_log (clinic_id, row_version);

CREATE TRIGGER appointments_row_version BEFORE INSERT OR UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
CREATE TRIGGER audit_log_row_version BEFORE INSERT OR UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();

-- The audit trail is append-only: its content never changes and rows are never deleted.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    IF (NEW.occurred_at, NEW.user_id, NEW.device_id, NEW.action, NEW.entity, NEW.entity_id, NEW.summary)
       IS DISTINCT FROM (OLD.occurred_at, OLD.user_id, OLD.device_id, OLD.action, OLD.entity, OLD.entity_id, OLD.summary) THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
