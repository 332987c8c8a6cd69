-- Indexes found missing by `prontivus bench local` (see docs/PERFORMANCE.md); same as SQLite's.
--
-- The CPF checks and the CPF-prefix search bind `deleted` as a parameter: a generic plan cannot
-- use the partial unique index ux_patients_cpf. A plain index serves equality and prefix ranges;
-- ux_patients_cpf stays as the uniqueness rule.
CREATE INDEX ix_patients_cpf ON patients (clinic_id, cpf);

-- Lists and searches order by (search_name, id): rows come out of the index in the final order.
DROP INDEX ix_patients_name;
CREATE INDEX ix_patients_name ON patients (clinic_id, search_name, id);
