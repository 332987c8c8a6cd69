-- Database monitor, for cloud-mode clients whose only database is this server: thresholds,
-- samples (source names the machine that measured), check states and alerts. Same shape as the
-- SQLite tables; times are epoch milliseconds. No clinic data here, so no row-level security.
CREATE TABLE monitor_thresholds (
    metric          text PRIMARY KEY,
    warn_value      double precision NOT NULL,
    critical_value  double precision NOT NULL,
    updated_at      bigint NOT NULL,
    updated_by      text NOT NULL
);

CREATE TABLE monitor_samples (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source               text NOT NULL,
    taken_at             bigint NOT NULL,
    overall              text NOT NULL CHECK (overall IN ('OK', 'WARN', 'CRITICAL')),
    pg_reachable         boolean,
    pg_latency_ms        double precision,
    pg_connections       bigint,
    cache_hit_ratio      double precision,
    query_p95_ms         double precision,
    cpu_load             double precision,
    memory_used_percent  double precision,
    disk_free_percent    double precision,
    sample_cpu_ms        double precision,
    details              text NOT NULL
);
CREATE INDEX ix_monitor_samples_taken ON monitor_samples (taken_at);
CREATE INDEX ix_monitor_samples_source ON monitor_samples (source, taken_at);

CREATE TABLE monitor_check_state (
    source      text NOT NULL,
    check_name  text NOT NULL,
    status      text NOT NULL CHECK (status IN ('OK', 'WARN', 'CRITICAL')),
    since       bigint NOT NULL,
    PRIMARY KEY (source, check_name)
);

CREATE TABLE monitor_alerts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       text NOT NULL,
    raised_at    bigint NOT NULL,
    check_name   text NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    value        double precision,
    message      text NOT NULL
);
CREATE INDEX ix_monitor_alerts_raised ON monitor_alerts (raised_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_thresholds, monitor_samples, monitor_check_state, monitor_alerts
    TO prontivus_desktop;
