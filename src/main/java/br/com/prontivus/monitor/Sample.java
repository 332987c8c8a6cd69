package br.com.prontivus.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one sample read, and the health checks judged on it. Groups that do not apply to
 * this installation are null (no PostgreSQL offline, no SQLite in cloud mode, no sync offline).
 */
public record Sample(Instant takenAt, String source, MetricGroup postgres, MetricGroup sqlite, MetricGroup system,
                     MetricGroup sync, StatementTimings.Snapshot timings, List<CheckResult> checks,
                     double cpuMs, double wallMs) {

    public HealthStatus overall() {
        return checks.stream().map(CheckResult::status).reduce(HealthStatus.OK, HealthStatus::worst);
    }

    public Optional<CheckResult> check(String name) {
        return checks.stream().filter(c -> c.check().equals(name)).findFirst();
    }

    public Optional<Double> queryP95Ms() {
        return timings.worstP95().map(StatementTimings.Worst::p95Ms);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taken_at", takenAt);
        m.put("source", source);
        m.put("overall", overall().name());
        List<Map<String, Object>> list = checks.stream().map(CheckResult::toMap).toList();
        m.put("checks", list);
        m.put("postgres", postgres == null ? null : postgres.toMap());
        m.put("sqlite", sqlite == null ? null : sqlite.toMap());
        m.put("system", system.toMap());
        m.put("sync", sync == null ? null : sync.toMap());
        m.put("timings", timings.toMap());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("cpu_ms", cpuMs);
        cost.put("wall_ms", wallMs);
        m.put("sample_cost", cost);
        return m;
    }
}
