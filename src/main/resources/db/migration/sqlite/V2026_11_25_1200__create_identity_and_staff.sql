-- Identity of this installation and the clinic's staff.
-- Every synced table carries the sync columns (see docs/adr/0002-sync-columns.md):
--   row_version     assigned by the server, NULL until acknowledged
--   updated_at      hybrid logical clock (48 bits of milliseconds, 16 bits of counter)
--   updated_by      device id of the last writer
--   deleted         tombstone (1 = deleted); synced rows are never hard-deleted before retention
--   field_versions  JSON map field -> HLC of its last change, for field-level merge

CREATE TABLE local_identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id   TEXT NOT NULL,
    clinic_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE clinics (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}',
    CHECK (id = clinic_id)
) STRICT;

CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    hostname        TEXT,
    enrolled_at     TEXT NOT NULL,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ix_devices_clinic ON devices (clinic_id);

CREATE TABLE staff_users (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    login           TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('reception', 'admin')),
    active          INTEGER NOT NULL DEFAULT 1,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE UNIQUE INDEX ux_staff_users_login ON staff_users (clinic_id, login) WHERE deleted = 0;
