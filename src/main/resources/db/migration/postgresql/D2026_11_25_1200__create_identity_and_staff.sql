-- Rollback of V2026_11_25_1200 (run by Prontivus in one transaction; Flyway OSS has no undo).
DROP TABLE staff_users;
DROP TABLE devices;
DROP TABLE clinics;
DROP FUNCTION assign_row_version();
DROP TABLE clinic_version;
