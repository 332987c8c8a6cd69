-- Indexes found missing by `prontivus bench local` (see docs/PERFORMANCE.md).
--
-- The CPF checks (register, import) and the CPF-prefix search bind `deleted` as a parameter, so
-- SQLite cannot prove that the partial unique index ux_patients_cpf applies and scanned every
-- patient of the clinic instead: O(n) per registration, quadratic imports. A plain index on the
-- same columns serves equality and prefix ranges whatever is bound; ux_patients_cpf stays as the
-- uniqueness rule.
CREATE INDEX ix_patients_cpf ON patients (clinic_id, cpf);

-- Lists and searches order by (search_name, id): with id in the index the rows come out in the
-- final order, so a LIMIT stops the walk early instead of sorting each group of equal names.
DROP INDEX ix_patients_name;
CREATE INDEX ix_patients_name ON patients (clinic_id, search_name, id);
