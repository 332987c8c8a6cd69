package br.com.prontivus.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples in nanoseconds and their nearest-rank percentiles, reported in milliseconds. */
public record Latencies(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

    public static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Latencies(sorted.length, ms(rank(sorted, 50)), ms(rank(sorted, 95)), ms(rank(sorted, 99)),
                ms(sorted[sorted.length - 1]), ms(sum / sorted.length));
    }

    /** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    static long rank(long[] sorted, double p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50_ms", p50Ms);
        m.put("p95_ms", p95Ms);
        m.put("p99_ms", p99Ms);
        m.put("max_ms", maxMs);
        m.put("mean_ms", meanMs);
        return m;
    }
}
