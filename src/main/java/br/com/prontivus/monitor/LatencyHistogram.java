package br.com.prontivus.monitor;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small HDR-style histogram of latencies: microsecond resolution, 32 linear sub-buckets per
 * power of two (a reported percentile is at most ~3% above the true value), from 1 µs to about
 * 19 hours in a fixed 8.5 KiB. Recording is lock-free and allocation-free, so it can sit on
 * every statement's path; percentiles are read from a {@link #snapshot()}.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS; // 32
    private static final int MAX_EXPONENT = 36;   // 2^36 µs ≈ 19 h; longer values land in the last bucket
    static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray totals = new AtomicLongArray(3); // count, sum of µs, max µs

    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        counts.incrementAndGet(index(micros));
        totals.incrementAndGet(0);
        totals.addAndGet(1, micros);
        long max;
        while (micros > (max = totals.get(2)) && !totals.compareAndSet(2, max, micros)) {
            Thread.onSpinWait();
        }
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // ≥ SUB_BITS
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value (µs) that falls into a bucket: percentiles are reported conservatively. */
    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        int sub = index % SUB;
        long lower = (long) (SUB + sub) << (exponent - SUB_BITS);
        return lower + (1L << (exponent - SUB_BITS)) - 1;
    }

    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        long count = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            count += copy[i];
        }
        return new Snapshot(copy, count, totals.get(1), totals.get(2));
    }

    /** An immutable copy; percentiles in milliseconds. */
    public static final class Snapshot {
        private final long[] counts;
        private final long count;
        private final long sumMicros;
        private final long maxMicros;

        private Snapshot(long[] counts, long count, long sumMicros, long maxMicros) {
            this.counts = counts;
            this.count = count;
            this.sumMicros = sumMicros;
            this.maxMicros = maxMicros;
        }

        public long count() {
            return count;
        }

        /** Nearest rank: the smallest bucket with at least p% of the values at or below it; 0 when empty. */
        public double percentileMs(double p) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(upperBound(i), maxMicros) / 1_000.0;
                }
            }
            return maxMicros / 1_000.0;
        }

        public double maxMs() {
            return maxMicros / 1_000.0;
        }

        public double meanMs() {
            return count == 0 ? 0 : sumMicros / 1_000.0 / count;
        }
    }
}
