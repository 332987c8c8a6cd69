-- Server side of sync: conflict records, who may see which clinic, protocol compatibility,
-- the purge horizon, and row-level security so a desktop sees and writes only its clinic.

CREATE TABLE sync_conflicts (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    table_name      text NOT NULL,
    row_id          uuid NOT NULL,
    op_id           uuid NOT NULL,
    device_id       uuid NOT NULL,
    fields          text NOT NULL,
    strategy        text NOT NULL,
    outcome         text NOT NULL,
    status          text NOT NULL CHECK (status IN ('open', 'resolved')),
    detected_at     timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolved_by     text,
    resolution      text,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX ix_sync_conflicts_version ON sync_conflicts (clinic_id, row_version);
CREATE INDEX ix_sync_conflicts_status ON sync_conflicts (clinic_id, status, detected_at);
CREATE TRIGGER sync_conflicts_row_version BEFORE INSERT OR UPDATE ON sync_conflicts
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();

-- The applied op keeps its payload and checksum; the trigger below refuses a payload whose
-- SHA-256 does not match, so the server itself verifies every op it records.
ALTER TABLE applied_ops ADD COLUMN payload text;
ALTER TABLE applied_ops ADD COLUMN checksum text;
ALTER TABLE applied_ops ADD COLUMN outcome text NOT NULL DEFAULT 'applied';

CREATE FUNCTION verify_op_checksum() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.payload IS NOT NULL
       AND encode(sha256(convert_to(NEW.payload, 'UTF8')), 'hex') IS DISTINCT FROM NEW.checksum THEN
        RAISE EXCEPTION 'checksum mismatch for op %', NEW.op_id USING ERRCODE = 'data_exception';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applied_ops_verify BEFORE INSERT ON applied_ops
    FOR EACH ROW EXECUTE FUNCTION verify_op_checksum();

-- Which database role belongs to which clinic (filled by `prontivus server grant`).
CREATE TABLE clinic_members (
    role_name  text PRIMARY KEY,
    clinic_id  uuid NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_clinic_members_clinic ON clinic_members (clinic_id);

-- Oldest pull cursor the server can still serve: tombstones at or below it may be purged.
CREATE TABLE sync_horizon (
    clinic_id       uuid PRIMARY KEY,
    purged_through  bigint NOT NULL DEFAULT 0,
    purged_at       timestamptz NOT NULL DEFAULT now()
);

-- Protocol compatibility: desktops older than min_protocol must upgrade before syncing.
CREATE TABLE sync_compat (
    singleton     integer PRIMARY KEY CHECK (singleton = 1),
    min_protocol  integer NOT NULL,
    max_protocol  integer NOT NULL
);
INSERT INTO sync_compat VALUES (1, 1, 1);

-- The clinic a session may touch: the clinic of its login role. Superusers and the owner bypass RLS.
CREATE FUNCTION session_clinics() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT clinic_id FROM clinic_members WHERE role_name = session_user
$$;

DO $$
DECLARE
    t text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prontivus_desktop') THEN
        CREATE ROLE prontivus_desktop NOLOGIN;
    END IF;
    FOREACH t IN ARRAY ARRAY['clinics', 'devices', 'staff_users', 'patients', 'practitioners', 'appointments',
                             'audit_log', 'sync_conflicts', 'patient_search_terms', 'applied_ops',
                             'clinic_version', 'sync_horizon'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY clinic_isolation ON %I USING (clinic_id IN (SELECT session_clinics()))'
                       ' WITH CHECK (clinic_id IN (SELECT session_clinics()))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO prontivus_desktop', t);
    END LOOP;
    GRANT DELETE ON patient_search_terms TO prontivus_desktop;
    GRANT SELECT ON sync_compat, flyway_schema_history TO prontivus_desktop;
    GRANT EXECUTE ON FUNCTION session_clinics() TO prontivus_desktop;
END
$$;
