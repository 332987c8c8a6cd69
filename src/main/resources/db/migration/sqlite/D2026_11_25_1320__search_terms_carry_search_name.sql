ALTER TABLE patient_search_terms DROP COLUMN search_name;
