-- Name search checks every query word after the rarest one per candidate patient (docs/PERFORMANCE.md,
-- "Name search"). A word of the patient's full name is checked on the search_name the candidate's
-- term row already carries (instr, no index); only the words of a social name need the term index.
-- This index holds just those: the term rows whose term is not a word of search_name (a few per
-- patient with a social name, none for everybody else), so the check costs a seek in a small index
-- instead of one in the index of every term. NameSearch states the same expression, literally, so
-- that SQLite knows its query implies this WHERE.
CREATE INDEX ix_patient_search_terms_social ON patient_search_terms (patient_id, term)
WHERE instr(' ' || search_name || ' ', ' ' || term || ' ') = 0;
