-- Undo V2026_11_26_1000: the plain CPF index comes back (older code binds `deleted` and needs it).
CREATE INDEX ix_patients_cpf ON patients (clinic_id, cpf);
