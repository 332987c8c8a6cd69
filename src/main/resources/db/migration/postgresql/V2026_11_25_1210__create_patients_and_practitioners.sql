CREATE TABLE patients (
    id              uuid NOT NULL,
    clinic_id       uuid NOT NULL,
    full_name       text NOT NULL,
    social_name     text,
    cpf             text COLLATE "C" CHECK (cpf IS NULL OR cpf ~ '^[0-9]{11}$'),
    birth_date      date,
    sex             text CHECK (sex IS NULL OR sex IN ('female', 'male', 'intersex', 'unknown')),
    phone           text COLLATE "C",
    email           text,
    address         text,
    notes           text,
    search_name     text COLLATE "C" NOT NULL,
    row_version     bigint,
    updated_at      bigint NOT NULL,
    updated_by      uuid NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    field_versions  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);
CREATE UNIQUE INDEX ux_patients_cpf ON patients (clinic_id, cpf) WHERE cpf IS NOT NULL AND NOT deleted;
CREATE INDEX ix_patients_phone ON patients (clinic_id, phone);
-- COLLATE "C" (name, CPF, phone): byte order, so prefix ranges mean and index the same as on SQLite,
-- whatever the server's default collation.
CREATE INDEX ix_patients_name ON patients (clinic_id, search_name);
CREATE INDEX ix_patients_version ON patients (clinic_id, row_version);

CREATE TABLE patient_search_terms (
    clinic_id   uuid NOT NULL,
    term        text COLLATE "C" NOT NULL,
    patient_id  uuid NOT NULL,
    PRIMARY KEY (clinic_id, term, patient_id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_patient_search_terms_patient ON patient_search_terms (clinic_id, patient_id);

CREATE TABLE practitioners (
    id                    uuid NOT NULL,
    clinic_id             uuid NOT NULL,
    full_name             text NOT NULL,
    specialty             text,
    council_registration  text,
    active                boolean NOT NULL DEFAULT true,
    row_version           bigint,
    updated_at            bigint NOT NULL,
    updated_by            uuid NOT NULL,
    deleted               boolean NOT NULL DEFAULT false,
    field_versions        text NOT NULL DEFAULT '{}',
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX ix_practitioners_version ON practitioners (clinic_id, row_version);

CREATE TRIGGER patients_row_version BEFORE INSERT OR UPDATE ON patients
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
CREATE TRIGGER practitioners_row_version BEFORE INSERT OR UPDATE ON practitioners
    FOR EACH ROW EXECUTE FUNCTION assign_row_version();
