package br.com.prontivus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Monitor: the timing histogram and how statements are classified. */
class LatencyHistogramTest {

    @Test
    void percentilesAreWithinThreePercentOfTheExactOnes() {
        LatencyHistogram h = new LatencyHistogram();
        Random random = new Random(42);
        long[] nanos = new long[20_000];
        for (int i = 0; i < nanos.length; i++) {
            // log-normal-ish: most statements well under a millisecond, a long tail to ~1 s
            nanos[i] = (long) (Math.exp(random.nextGaussian() * 1.5 + 12));
            h.recordNanos(nanos[i]);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        LatencyHistogram.Snapshot s = h.snapshot();
        assertThat(s.count()).isEqualTo(nanos.length);
        for (double p : new double[] {50, 95, 99}) {
            double exact = sorted[(int) Math.ceil(p / 100 * sorted.length) - 1] / 1e6;
            assertThat(s.percentileMs(p)).as("p%s", p).isCloseTo(exact, within(exact * 0.035 + 0.001));
        }
        assertThat(s.maxMs()).isCloseTo(sorted[sorted.length - 1] / 1e6, within(0.001));
    }

    @Test
    void bucketsAreContiguousAndBounded() {
        int previous = -1;
        for (long micros = 0; micros < 5_000_000; micros += micros < 1000 ? 1 : 997) {
            int index = LatencyHistogram.index(micros);
            assertThat(index).isGreaterThanOrEqualTo(previous).isLessThan(LatencyHistogram.BUCKETS);
            assertThat(LatencyHistogram.upperBound(index)).isGreaterThanOrEqualTo(micros);
            previous = index;
        }
        assertThat(LatencyHistogram.index(Long.MAX_VALUE / 1000)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(new LatencyHistogram().snapshot().percentileMs(99)).isZero();
    }

    @Test
    void statementKindsFromPlainSql() {
        assertThat(StatementKind.ofSql("  select 1")).isEqualTo(StatementKind.SELECT);
        assertThat(StatementKind.ofSql("/* hint */ WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo(StatementKind.SELECT);
        assertThat(StatementKind.ofSql("-- c\ninsert into t values (1)")).isEqualTo(StatementKind.INSERT);
        assertThat(StatementKind.ofSql("UPDATE t SET a = 1")).isEqualTo(StatementKind.UPDATE);
        assertThat(StatementKind.ofSql("delete from t")).isEqualTo(StatementKind.DELETE);
        assertThat(StatementKind.ofSql("PRAGMA page_count")).isEqualTo(StatementKind.OTHER);
        assertThat(StatementKind.ofSql(null)).isEqualTo(StatementKind.OTHER);
    }

    @Test
    void thresholdsJudgeInTheirDirection() {
        Threshold p95 = new Threshold(Threshold.Metric.PERFORMANCE_P95_MS, 100, 500);
        assertThat(p95.evaluate(99.9)).isEqualTo(HealthStatus.OK);
        assertThat(p95.evaluate(100)).isEqualTo(HealthStatus.WARN);
        assertThat(p95.evaluate(500)).isEqualTo(HealthStatus.CRITICAL);
        Threshold disk = new Threshold(Threshold.Metric.DISK_FREE_PERCENT, 15, 5);
        assertThat(disk.evaluate(50)).isEqualTo(HealthStatus.OK);
        assertThat(disk.evaluate(15)).isEqualTo(HealthStatus.WARN);
        assertThat(disk.evaluate(4)).isEqualTo(HealthStatus.CRITICAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Threshold(Threshold.Metric.DISK_FREE_PERCENT, 5, 15))
                .hasMessageContaining("at or below");
    }
}
