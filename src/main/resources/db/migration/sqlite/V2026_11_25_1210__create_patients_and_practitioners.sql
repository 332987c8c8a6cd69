CREATE TABLE patients (
    id              TEXT PRIMARY KEY,
    clinic_id       TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    social_name     TEXT,
    cpf             TEXT CHECK (cpf IS NULL OR (length(cpf) = 11 AND cpf NOT GLOB '*[^0-9]*')),
    birth_date      TEXT,
    sex             TEXT CHECK (sex IS NULL OR sex IN ('female', 'male', 'intersex', 'unknown')),
    phone           TEXT,
    email           TEXT,
    address         TEXT,
    notes           TEXT,
    search_name     TEXT NOT NULL,
    row_version     INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
-- CPF is unique per clinic among live rows; NULL (not informed) is allowed many times.
CREATE UNIQUE INDEX ux_patients_cpf ON patients (clinic_id, cpf) WHERE cpf IS NOT NULL AND deleted = 0;
CREATE INDEX ix_patients_phone ON patients (clinic_id, phone);
CREATE INDEX ix_patients_name ON patients (clinic_id, search_name);

-- Word index for accent- and case-insensitive prefix search on names (derived, not synced).
CREATE TABLE patient_search_terms (
    clinic_id   TEXT NOT NULL,
    term        TEXT NOT NULL,
    patient_id  TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    PRIMARY KEY (clinic_id, term, patient_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ix_patient_search_terms_patient ON patient_search_terms (patient_id);

CREATE TABLE practitioners (
    id                    TEXT PRIMARY KEY,
    clinic_id             TEXT NOT NULL,
    full_name             TEXT NOT NULL,
    specialty             TEXT,
    council_registration  TEXT,
    active                INTEGER NOT NULL DEFAULT 1,
    row_version           INTEGER,
    updated_at            INTEGER NOT NULL,
    updated_by            TEXT NOT NULL,
    deleted               INTEGER NOT NULL DEFAULT 0,
    field_versions        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ix_practitioners_clinic ON practitioners (clinic_id, full_name);
