-- Same as SQLite's: each search term carries its patient's search_name (same collation), so name
-- search sorts its matches from the term index without reading every matching patient first.
-- NOT NULL without a default in the end: a writer that forgets it fails loudly.
ALTER TABLE patient_search_terms ADD COLUMN search_name text COLLATE "C" NOT NULL DEFAULT '';
UPDATE patient_search_terms t SET search_name = p.search_name
FROM patients p WHERE p.clinic_id = t.clinic_id AND p.id = t.patient_id;
ALTER TABLE patient_search_terms ALTER COLUMN search_name DROP DEFAULT;
