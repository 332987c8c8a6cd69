DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['clinics', 'devices', 'staff_users', 'patients', 'practitioners', 'appointments',
                             'audit_log', 'sync_conflicts', 'patient_search_terms', 'applied_ops',
                             'clinic_version', 'sync_horizon'] LOOP
        EXECUTE format('DROP POLICY clinic_isolation ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
        EXECUTE format('REVOKE ALL ON %I FROM prontivus_desktop', t);
    END LOOP;
    REVOKE ALL ON flyway_schema_history, sync_compat FROM prontivus_desktop;
    REVOKE ALL ON FUNCTION session_clinics() FROM prontivus_desktop;
END
$$;
DROP FUNCTION session_clinics();
DROP TABLE sync_compat;
DROP TABLE sync_horizon;
DROP TABLE clinic_members;
DROP TRIGGER applied_ops_verify ON applied_ops;
DROP FUNCTION verify_op_checksum();
ALTER TABLE applied_ops DROP COLUMN outcome;
ALTER TABLE applied_ops DROP COLUMN checksum;
ALTER TABLE applied_ops DROP COLUMN payload;
DROP TABLE sync_conflicts;
