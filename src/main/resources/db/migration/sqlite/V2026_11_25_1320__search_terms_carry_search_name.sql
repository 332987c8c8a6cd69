-- Name search sorts its matches by the patient's search_name (see docs/PERFORMANCE.md, issue 3).
-- Each term now carries that name, so the matches of a prefix come out of the term index alone,
-- already holding their sort key (the table is WITHOUT ROWID: every column lives in the primary
-- key's B-tree): no patient row is read before the final LIMIT. Previously each match cost a
-- lookup of its patient (tens of thousands for a two-letter prefix) or the search walked the
-- clinic in name order.
--
-- search_name is NOT NULL without a default, so a writer that forgets it fails loudly instead of
-- filing a term under the wrong name: SQLite cannot add such a column, hence the copy.
CREATE TABLE patient_search_terms_new (
    clinic_id    TEXT NOT NULL,
    term         TEXT NOT NULL,
    patient_id   TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    search_name  TEXT NOT NULL,
    PRIMARY KEY (clinic_id, term, patient_id)
) STRICT, WITHOUT ROWID;
INSERT INTO patient_search_terms_new (clinic_id, term, patient_id, search_name)
SELECT t.clinic_id, t.term, t.patient_id, p.search_name
FROM patient_search_terms t JOIN patients p ON p.id = t.patient_id;
DROP TABLE patient_search_terms;
ALTER TABLE patient_search_terms_new RENAME TO patient_search_terms;
CREATE INDEX ix_patient_search_terms_patient ON patient_search_terms (patient_id);
