-- Back to one counter upsert per row. A reservation is transaction-local, so none outlives this.
CREATE OR REPLACE FUNCTION assign_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO clinic_version AS cv (clinic_id, last_version)
    VALUES (NEW.clinic_id, 1)
    ON CONFLICT (clinic_id) DO UPDATE SET last_version = cv.last_version + 1
    RETURNING cv.last_version INTO NEW.row_version;
    RETURN NEW;
END
$$;
DROP FUNCTION release_row_versions(uuid);
DROP FUNCTION reserve_row_versions(uuid, integer);
