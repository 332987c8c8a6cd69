-- Fewer B-trees per patient write (issue 3, `prontivus bench local`; see docs/PERFORMANCE.md).
--
-- ix_patients_cpf (clinic_id, cpf) was added in 2026.11.25.1300 because the CPF checks bound
-- `deleted` as a parameter, and SQLite uses the partial unique index ux_patients_cpf (clinic_id,
-- cpf) WHERE cpf IS NOT NULL AND deleted = 0 only when the query states `deleted = 0` literally.
-- They now do (PatientService.live), so ux_patients_cpf serves every CPF lookup (equality, IN,
-- prefix ranges; it holds exactly the live patients those look for) and the copy only cost each
-- registration and each imported patient one more B-tree insert and one more dirty page in the
-- commit. ux_patients_cpf stays, unchanged, as the uniqueness rule.
DROP INDEX ix_patients_cpf;
