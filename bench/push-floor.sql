-- The server's own cost of the rows a push must write (docs/PERFORMANCE.md, "Floors"; issue 4).
-- No Prontivus code and no client: 100,000 patient rows generated inside PostgreSQL, then written
-- by one INSERT ... SELECT each, so that every variant pays the same (zero) protocol cost:
--   A  a bare table (CREATE TABLE .. (LIKE patients)): what the raw baseline's server does;
--   B  the real patients table (six indexes, the row-version trigger fed by a reservation as the
--      push feeds it) and applied_ops with the payload and its checksum trigger, as shipped;
--   C  a minimal server: patients with only its primary key, the per-clinic unique CPF and the
--      pull cursor's version index, versions given in the statement (no trigger), and an
--      applied-op table of (clinic, op id, version) without payload.
-- Run it in a scratch database that `prontivus server setup` has migrated, as a superuser (row-level
-- security is not applied, which only favours B and C):
--   createdb -h 127.0.0.1 -U postgres pushfloor
--   java -jar target/prontivus.jar server setup --home /tmp/pf --database-url postgresql://postgres@127.0.0.1/pushfloor
--   psql -h 127.0.0.1 -U postgres -d pushfloor -f bench/push-floor.sql; dropdb -h 127.0.0.1 -U postgres pushfloor
-- Ids are random (v4) UUIDs, as gen_random_uuid() makes them; the desktops' UUIDv7 ids are ordered,
-- which makes primary-key inserts somewhat cheaper than here in B and C alike.
\timing on
SET client_min_messages = warning;
CREATE TEMP TABLE src AS
SELECT gen_random_uuid() AS id, '11111111-1111-4111-8111-111111111111'::uuid AS clinic_id,
       'Maria Aparecida da Silva Santos ' || i AS full_name, NULL::text AS social_name,
       lpad((i * 7919 % 99999999999)::text, 11, '0') AS cpf, date '1960-02-08' AS birth_date, 'female' AS sex,
       '11' || (900000000 + (i * 31) % 99999999) AS phone, 'maria' || i || '@example.com' AS email,
       'Rua das Flores, ' || i AS address, NULL::text AS notes, 'maria aparecida da silva santos ' || i AS search_name,
       117681485915422720 + i AS updated_at, '22222222-2222-4222-8222-222222222222'::uuid AS updated_by,
       false AS deleted,
       '{"address":117681485915422720,"birth_date":117681485915422720,"cpf":117681485915422720}' AS field_versions,
       gen_random_uuid() AS op_id, repeat('x', 900) || i AS payload, i
FROM generate_series(1, 100000) i;
ALTER TABLE src ADD COLUMN checksum text;
UPDATE src SET checksum = encode(sha256(convert_to(payload, 'UTF8')), 'hex');
VACUUM ANALYZE src;
CHECKPOINT;

\echo A: bare table
CREATE TABLE floor_bare (LIKE patients);
INSERT INTO floor_bare
SELECT id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes, search_name,
       NULL, updated_at, updated_by, deleted, field_versions FROM src;
CHECKPOINT;

\echo B: patients as shipped, then applied_ops as shipped
BEGIN;
SELECT set_config('prontivus.reserved_versions', '11111111-1111-4111-8111-111111111111/1/100000', true) \g /dev/null
INSERT INTO patients (id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes,
                      search_name, updated_at, updated_by, deleted, field_versions)
SELECT id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes, search_name,
       updated_at, updated_by, deleted, field_versions FROM src;
COMMIT;
INSERT INTO applied_ops (clinic_id, op_id, device_id, table_name, row_id, row_version, payload, checksum)
SELECT clinic_id, op_id, updated_by, 'patients', id, i, payload, checksum FROM src;
CHECKPOINT;

\echo C: minimal patients, then minimal applied ops
CREATE TABLE floor_patients (LIKE patients INCLUDING DEFAULTS);
ALTER TABLE floor_patients ADD PRIMARY KEY (clinic_id, id);
CREATE UNIQUE INDEX ON floor_patients (clinic_id, cpf) WHERE cpf IS NOT NULL AND NOT deleted;
CREATE INDEX ON floor_patients (clinic_id, row_version);
INSERT INTO floor_patients
SELECT id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes, search_name,
       i, updated_at, updated_by, deleted, field_versions FROM src;
CREATE TABLE floor_ops (clinic_id uuid, op_id uuid, row_version bigint, PRIMARY KEY (clinic_id, op_id));
INSERT INTO floor_ops SELECT clinic_id, op_id, i FROM src;
