-- Identity and staff on the central server. Every synced table carries the sync columns
-- (docs/adr/0002-sync-columns.md) and every key that matters starts with clinic_id, so the
-- schema can be distributed by clinic (Citus) without redesign.

-- Per-clinic version counter. A row is locked by the first change of a transaction and held
-- until commit, so versions of one clinic become visible in order (gap-free pull cursor).
CREATE TABLE clinic_version (
    clinic_id     uuid PRIMARY KEY,
    last_version  bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION assign_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO clinic_version AS cv (clinic_id, last_version)
    VALUES (NEW.clinic_id, 1)
    ON CONFLICT (clinic_id) DO UPDATE SET last_version = cv.last_version + 1
    RETURNING cv.last_version INTO NEW.row_version;
    RETURN NEW;
END
$$;

CREATE TABLE clinics (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    name            text NOT NULL,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id),
    CHECK (id = clinic_id)
);

CREATE TABLE devices (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    name            text NOT NULL,
    hostname        text,
    enrolled_at     timestamptz NOT NULL,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);

CREATE TABLE staff_users (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    login           text NOT NULL,
    full_name       text NOT NULL,
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('reception', 'admin')),
    active          boolean NOT NULL DEFAULT true,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);
CREATE UNIQUE INDEX ux_staff_users_login ON staff_users (clinic_id, login) WHERE NOT deleted;

CREATE INDEX ix_clinics_version ON clinics (clinic_id, row_version);
CREATE INDEX ix_devices_version ON devices (clinic_id, row_version);
CREATE INDEX ix_staff_users_version ON staff_users (clinic_id, row_version);

CREATE TRIGGER clinics_row_version BEFORE INSERT OR UPDATE ON clinics
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
CREATE TRIGGER devices_row_version BEFORE INSERT OR UPDATE ON devices
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
CREATE TRIGGER staff_users_row_version BEFORE INSERT OR UPDATE ON staff_users
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
