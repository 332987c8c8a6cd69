-- CHECK constraints of the hot tables without IN lists and GLOB (issues 3 and 4; docs/PERFORMANCE.md).
--
-- SQLite evaluates `x IN ('a', 'b', 'c', ...)` in a CHECK by filling a temporary B-tree with the
-- list (OpenEphemeral + one IdxInsert per value) every time the statement runs, and a batched insert
-- runs its statement once per row. Measured with sqlite-jdbc, 1,000,000 patients in batches: 11.2 s
-- with the checks below as they were, 8.1 s with these equivalent ones, 7.8 s with no checks at all.
-- Every outbox entry paid it twice (kind, status), every acknowledgement once more.
--
-- Same rules, other spelling: `x = 'a' OR x = 'b' ...` accepts exactly the values the list did, and
-- a CPF is "11 characters, all of them 0-9" either way (trim() of the ten digits leaves nothing).
--
-- How: SQLite cannot alter a CHECK in place, and rebuilding `patients` would mean dropping the parent
-- of `appointments` and `patient_search_terms` inside the migration's transaction, where foreign key
-- enforcement cannot be switched off (DROP TABLE would cascade-delete every search term). SQLite
-- documents editing the table's SQL in sqlite_schema for exactly this kind of change (removing or
-- changing CHECK constraints, lang_altertable.html, "Making Other Kinds Of Table Schema Changes"):
-- the stored rows do not change, only the text that is parsed when a connection loads the schema.
-- Existing rows satisfied the old checks, so they satisfy these. The last statements abort the
-- migration unless all three tables were rewritten, and a DDL statement makes every connection
-- reload the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (cpf IS NULL OR (length(cpf) = 11 AND cpf NOT GLOB ''*[^0-9]*''))',
    'CHECK (cpf IS NULL OR (length(cpf) = 11 AND trim(cpf, ''0123456789'') = ''''))'),
    'CHECK (sex IS NULL OR sex IN (''female'', ''male'', ''intersex'', ''unknown''))',
    'CHECK (sex IS NULL OR sex = ''female'' OR sex = ''male'' OR sex = ''intersex'' OR sex = ''unknown'')')
WHERE type = 'table' AND name = 'patients';
UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (kind IN (''insert'', ''update'', ''delete''))',
    'CHECK (kind = ''insert'' OR kind = ''update'' OR kind = ''delete'')'),
    'CHECK (status IN (''pending'', ''acknowledged'', ''parked''))',
    'CHECK (status = ''pending'' OR status = ''acknowledged'' OR status = ''parked'')')
WHERE type = 'table' AND name = 'outbox';
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status IN' || char(10) || '                        (''scheduled'', ''confirmed'', ''checked_in'', ''in_service'', ''completed'', ''cancelled'', ''no_show''))',
    'CHECK (status = ''scheduled'' OR status = ''confirmed'' OR status = ''checked_in'' OR status = ''in_service'''
        || char(10) || '                        OR status = ''completed'' OR status = ''cancelled'' OR status = ''no_show'')')
WHERE type = 'table' AND name = 'appointments';
-- RESET turns editing off and makes this connection parse the schema again: with the old parse
-- cached, a later ALTER TABLE ADD COLUMN in the same connection would splice its column into the
-- new text at the old text's offsets.
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE checks_rewritten (all_three INTEGER NOT NULL CHECK (all_three = 1));
INSERT INTO temp.checks_rewritten
SELECT count(*) = 3 FROM sqlite_schema
WHERE type = 'table' AND name IN ('patients', 'outbox', 'appointments')
  AND instr(sql, ' IN (') = 0 AND instr(sql, ' IN' || char(10)) = 0 AND instr(sql, 'GLOB') = 0;
DROP TABLE temp.checks_rewritten;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;
