DROP INDEX ix_patients_name;
CREATE INDEX ix_patients_name ON patients (clinic_id, search_name);
DROP INDEX ix_patients_cpf;
