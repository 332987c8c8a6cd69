-- Database monitor: thresholds an administrator changed (defaults live in the code), samples kept
-- for trends (pruned by OFFLINE_DATA_RETENTION_DAYS), the last state of each health check and the
-- alerts raised when a state changed. Times are epoch milliseconds. Not synced: monitoring data
-- belongs to the machine that measured it.
CREATE TABLE monitor_thresholds (
    metric          TEXT PRIMARY KEY,
    warn_value      REAL NOT NULL,
    critical_value  REAL NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL
) STRICT;

CREATE TABLE monitor_samples (
    id                   INTEGER PRIMARY KEY,
    source               TEXT NOT NULL,
    taken_at             INTEGER NOT NULL,
    overall              TEXT NOT NULL CHECK (overall IN ('OK', 'WARN', 'CRITICAL')),
    pg_reachable         INTEGER,
    pg_latency_ms        REAL,
    pg_connections       INTEGER,
    cache_hit_ratio      REAL,
    query_p95_ms         REAL,
    cpu_load             REAL,
    memory_used_percent  REAL,
    disk_free_percent    REAL,
    sample_cpu_ms        REAL,
    details              TEXT NOT NULL
) STRICT;
CREATE INDEX ix_monitor_samples_taken ON monitor_samples (taken_at);

CREATE TABLE monitor_check_state (
    source      TEXT NOT NULL,
    check_name  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('OK', 'WARN', 'CRITICAL')),
    since       INTEGER NOT NULL,
    PRIMARY KEY (source, check_name)
) STRICT;

CREATE TABLE monitor_alerts (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    raised_at    INTEGER NOT NULL,
    check_name   TEXT NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    value        REAL,
    message      TEXT NOT NULL
) STRICT;
CREATE INDEX ix_monitor_alerts_raised ON monitor_alerts (raised_at);
