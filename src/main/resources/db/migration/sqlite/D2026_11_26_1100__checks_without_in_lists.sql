-- Undo V2026_11_26_1100: the CHECK constraints spelled as before (same rules; see the up script for how and why).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (cpf IS NULL OR (length(cpf) = 11 AND trim(cpf, ''0123456789'') = ''''))',
    'CHECK (cpf IS NULL OR (length(cpf) = 11 AND cpf NOT GLOB ''*[^0-9]*''))'),
    'CHECK (sex IS NULL OR sex = ''female'' OR sex = ''male'' OR sex = ''intersex'' OR sex = ''unknown'')',
    'CHECK (sex IS NULL OR sex IN (''female'', ''male'', ''intersex'', ''unknown''))')
WHERE type = 'table' AND name = 'patients';
UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (kind = ''insert'' OR kind = ''update'' OR kind = ''delete'')',
    'CHECK (kind IN (''insert'', ''update'', ''delete''))'),
    'CHECK (status = ''pending'' OR status = ''acknowledged'' OR status = ''parked'')',
    'CHECK (status IN (''pending'', ''acknowledged'', ''parked''))')
WHERE type = 'table' AND name = 'outbox';
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status = ''scheduled'' OR status = ''confirmed'' OR status = ''checked_in'' OR status = ''in_service'''
        || char(10) || '                        OR status = ''completed'' OR status = ''cancelled'' OR status = ''no_show'')',
    'CHECK (status IN' || char(10) || '                        (''scheduled'', ''confirmed'', ''checked_in'', ''in_service'', ''completed'', ''cancelled'', ''no_show''))')
WHERE type = 'table' AND name = 'appointments';
-- RESET turns editing off and makes this connection parse the schema again: with the old parse
-- cached, a later ALTER TABLE ADD COLUMN in the same connection would splice its column into the
-- new text at the old text's offsets.
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE checks_restored (all_three INTEGER NOT NULL CHECK (all_three = 1));
INSERT INTO temp.checks_restored
SELECT count(*) = 3 FROM sqlite_schema
WHERE type = 'table' AND name IN ('patients', 'outbox', 'appointments')
  AND instr(sql, ' OR status = ''') + instr(sql, ' OR kind = ''') + instr(sql, ' OR sex = ''') = 0
  AND instr(sql, 'trim(cpf') = 0;
DROP TABLE temp.checks_restored;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;
