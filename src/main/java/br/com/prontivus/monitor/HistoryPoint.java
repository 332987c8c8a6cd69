package br.com.prontivus.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored sample as the charts read it: the headline numbers as columns (null when the
 * reading was unavailable or does not apply), and the whole sample as JSON in {@code details}
 * (null unless asked for).
 */
public record HistoryPoint(Instant takenAt, String source, HealthStatus overall, Boolean pgReachable,
                           Double pgLatencyMs, Long pgConnections, Double cacheHitRatio, Double queryP95Ms,
                           Double cpuLoad, Double memoryUsedPercent, Double diskFreePercent, Double sampleCpuMs,
                           String details) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taken_at", takenAt);
        m.put("source", source);
        m.put("overall", overall.name());
        m.put("pg_reachable", pgReachable);
        m.put("pg_latency_ms", pgLatencyMs);
        m.put("pg_connections", pgConnections);
        m.put("cache_hit_ratio", cacheHitRatio);
        m.put("query_p95_ms", queryP95Ms);
        m.put("cpu_load", cpuLoad);
        m.put("memory_used_percent", memoryUsedPercent);
        m.put("disk_free_percent", diskFreePercent);
        m.put("sample_cpu_ms", sampleCpuMs);
        return m;
    }
}
