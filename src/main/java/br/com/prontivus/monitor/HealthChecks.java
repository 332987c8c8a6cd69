package br.com.prontivus.monitor;

import br.com.prontivus.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Judges one sample's readings against the thresholds: connection, performance, disk, memory, sync. */
final class HealthChecks {

    /** Below this many statements in a sample's window the performance check does not judge. */
    static final int MIN_STATEMENTS = 20;

    private HealthChecks() {
    }

    static List<CheckResult> evaluate(MetricGroup postgres, MetricGroup sqlite, MetricGroup system, MetricGroup sync,
                                      StatementTimings.Snapshot timings, Map<Threshold.Metric, Threshold> thresholds,
                                      Locale locale) {
        List<CheckResult> out = new ArrayList<>();
        out.add(connection(postgres, sqlite, thresholds.get(Threshold.Metric.CONNECTION_LATENCY_MS), locale));
        out.add(performance(timings, thresholds.get(Threshold.Metric.PERFORMANCE_P95_MS), locale));
        out.add(disk(system, thresholds.get(Threshold.Metric.DISK_FREE_PERCENT), locale));
        out.add(memory(system, thresholds.get(Threshold.Metric.MEMORY_USED_PERCENT), locale));
        out.add(sync(sync, thresholds, locale));
        return out;
    }

    private static CheckResult connection(MetricGroup postgres, MetricGroup sqlite, Threshold latency, Locale locale) {
        String check = CheckResult.CONNECTION;
        if (sqlite != null && Boolean.FALSE.equals(sqlite.values().get("readable"))) {
            return new CheckResult(check, HealthStatus.CRITICAL, null,
                    Messages.get(locale, "monitor.connection.local_failed", sqlite.values().get("error")));
        }
        if (postgres == null) {
            return new CheckResult(check, HealthStatus.OK, null, Messages.get(locale, "monitor.connection.offline"));
        }
        String server = String.valueOf(postgres.values().get("server"));
        if (!Boolean.TRUE.equals(postgres.values().get("reachable"))) {
            return new CheckResult(check, HealthStatus.CRITICAL, null,
                    Messages.get(locale, "monitor.connection.unreachable", server, postgres.values().get("error")));
        }
        double ms = postgres.number("latency_ms").orElse(0.0);
        HealthStatus status = latency.evaluate(ms);
        return new CheckResult(check, status, ms, Messages.get(locale,
                status == HealthStatus.OK ? "monitor.connection.ok" : "monitor.connection.slow", server, ms,
                latency.warn(), latency.critical()));
    }

    private static CheckResult performance(StatementTimings.Snapshot timings, Threshold p95, Locale locale) {
        Optional<StatementTimings.Worst> worst = timings.worstP95();
        if (worst.isEmpty()) {
            return new CheckResult(CheckResult.PERFORMANCE, HealthStatus.OK, null,
                    Messages.get(locale, "monitor.performance.idle"));
        }
        StatementTimings.Worst w = worst.get();
        long total = timings.count();
        if (total < MIN_STATEMENTS) {
            // A p95 of a handful of statements is their maximum, and a fresh process's first
            // statements pay for class loading and JIT: a one-off command would always warn.
            return new CheckResult(CheckResult.PERFORMANCE, HealthStatus.OK, w.p95Ms(),
                    Messages.get(locale, "monitor.performance.few", total, MIN_STATEMENTS));
        }
        return new CheckResult(CheckResult.PERFORMANCE, p95.evaluate(w.p95Ms()), w.p95Ms(),
                Messages.get(locale, "monitor.performance.value", w.database(), w.kind().name(), w.p95Ms(), w.count(),
                        p95.warn(), p95.critical()));
    }

    private static CheckResult disk(MetricGroup system, Threshold free, Locale locale) {
        Optional<Double> percent = system.number("disk_free_percent");
        if (percent.isEmpty()) {
            return unavailable(CheckResult.DISK, system.reason("disk_free_percent").orElse("?"), locale);
        }
        return new CheckResult(CheckResult.DISK, free.evaluate(percent.get()), percent.get(),
                Messages.get(locale, "monitor.disk.value", percent.get(),
                        gib(system.number("disk_free_bytes").orElse(0.0)),
                        gib(system.number("disk_total_bytes").orElse(0.0)), system.values().get("disk_path"),
                        free.warn(), free.critical()));
    }

    private static CheckResult memory(MetricGroup system, Threshold used, Locale locale) {
        Optional<Double> percent = system.number("memory_used_percent");
        if (percent.isEmpty()) {
            return unavailable(CheckResult.MEMORY, system.reason("memory_used_percent").orElse("?"), locale);
        }
        return new CheckResult(CheckResult.MEMORY, used.evaluate(percent.get()), percent.get(),
                Messages.get(locale, "monitor.memory.value", percent.get(),
                        gib(system.number("memory_used_bytes").orElse(0.0)),
                        gib(system.number("memory_total_bytes").orElse(0.0)), used.warn(), used.critical()));
    }

    private static CheckResult sync(MetricGroup sync, Map<Threshold.Metric, Threshold> thresholds, Locale locale) {
        if (sync == null) {
            return new CheckResult(CheckResult.SYNC, HealthStatus.OK, null,
                    Messages.get(locale, "monitor.sync.not_configured"));
        }
        Optional<Double> age = sync.number("queue_age_minutes");
        Optional<Double> parked = sync.number("parked_ops");
        Optional<Double> conflicts = sync.number("open_conflicts");
        if (age.isEmpty() || parked.isEmpty() || conflicts.isEmpty()) {
            String reason = sync.unavailable().values().stream().findFirst().orElse("?");
            return unavailable(CheckResult.SYNC, reason, locale);
        }
        HealthStatus status = thresholds.get(Threshold.Metric.SYNC_QUEUE_AGE_MINUTES).evaluate(age.get())
                .worst(thresholds.get(Threshold.Metric.SYNC_PARKED_OPS).evaluate(parked.get()))
                .worst(thresholds.get(Threshold.Metric.SYNC_OPEN_CONFLICTS).evaluate(conflicts.get()));
        return new CheckResult(CheckResult.SYNC, status, age.get(), Messages.get(locale, "monitor.sync.value",
                age.get(), parked.get().longValue(), conflicts.get().longValue()));
    }

    /** A reading that could not be taken: the check cannot vouch for it, so it warns. */
    private static CheckResult unavailable(String check, String reason, Locale locale) {
        return new CheckResult(check, HealthStatus.WARN, null, Messages.get(locale, "monitor.unavailable", reason));
    }

    private static double gib(double bytes) {
        return Math.round(bytes / (1024.0 * 1024 * 1024) * 10) / 10.0;
    }
}
