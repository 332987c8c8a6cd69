package br.com.prontivus.monitor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One limit a health check compares a reading with. For "higher is worse" metrics a value at or
 * above {@code critical} is CRITICAL, else at or above {@code warn} is WARN; "lower is worse"
 * metrics (free disk) mirror that.
 */
public record Threshold(Metric metric, double warn, double critical) {

    /** The metrics that have thresholds, with the defaults an installation starts with. */
    public enum Metric {
        CONNECTION_LATENCY_MS("connection.latency_ms", true, 250, 2_000),
        PERFORMANCE_P95_MS("performance.p95_ms", true, 100, 500),
        DISK_FREE_PERCENT("disk.free_percent", false, 15, 5),
        MEMORY_USED_PERCENT("memory.used_percent", true, 90, 97),
        SYNC_QUEUE_AGE_MINUTES("sync.queue_age_minutes", true, 60, 1_440),
        SYNC_PARKED_OPS("sync.parked_ops", true, 1, 25),
        SYNC_OPEN_CONFLICTS("sync.open_conflicts", true, 1, 20);

        private final String key;
        private final boolean higherIsWorse;
        private final double defaultWarn;
        private final double defaultCritical;

        Metric(String key, boolean higherIsWorse, double defaultWarn, double defaultCritical) {
            this.key = key;
            this.higherIsWorse = higherIsWorse;
            this.defaultWarn = defaultWarn;
            this.defaultCritical = defaultCritical;
        }

        public String key() {
            return key;
        }

        public boolean higherIsWorse() {
            return higherIsWorse;
        }

        public Threshold defaults() {
            return new Threshold(this, defaultWarn, defaultCritical);
        }

        public static Optional<Metric> byKey(String key) {
            String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(m -> m.key.equals(k)).findFirst();
        }

        public static List<String> keys() {
            return Arrays.stream(values()).map(Metric::key).toList();
        }
    }

    public Threshold {
        if (Double.isNaN(warn) || Double.isNaN(critical) || warn < 0 || critical < 0) {
            throw new IllegalArgumentException("thresholds must be numbers ≥ 0");
        }
        if (metric.higherIsWorse ? critical < warn : critical > warn) {
            throw new IllegalArgumentException(metric.key + ": the critical level must be "
                    + (metric.higherIsWorse ? "at or above" : "at or below") + " the warning level");
        }
    }

    public HealthStatus evaluate(double value) {
        if (metric.higherIsWorse) {
            return value >= critical ? HealthStatus.CRITICAL : value >= warn ? HealthStatus.WARN : HealthStatus.OK;
        }
        return value <= critical ? HealthStatus.CRITICAL : value <= warn ? HealthStatus.WARN : HealthStatus.OK;
    }
}
