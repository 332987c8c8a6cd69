-- Exactly-once effect of pushed operations: an op id is recorded in the same transaction
-- as the change it applied, so a replayed batch is recognised and changes nothing.
CREATE TABLE applied_ops (
    clinic_id    uuid NOT NULL,
    op_id        uuid NOT NULL,
    device_id    uuid NOT NULL,
    table_name   text NOT NULL,
    row_id       uuid NOT NULL,
    row_version  bigint,
    applied_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, op_id)
);
CREATE INDEX ix_applied_ops_time ON applied_ops (clinic_id, applied_at);
