-- Undo V2026_11_26_1200.
DROP INDEX ix_patient_search_terms_social;
