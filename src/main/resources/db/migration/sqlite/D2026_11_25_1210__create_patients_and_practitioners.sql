DROP TABLE practitioners;
DROP TABLE patient_search_terms;
DROP TABLE patients;
