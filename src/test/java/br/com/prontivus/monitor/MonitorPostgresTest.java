package br.com.prontivus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.testing.PostgresTestDatabase;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor on the real local PostgreSQL: live statistics, our timings, and history stored there (cloud mode). */
class MonitorPostgresTest {

    private static PostgresTestDatabase server;
    private static PostgresDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void createServer() {
        server = PostgresTestDatabase.create();
        db = TestStores.migratedPostgres(server);
    }

    @AfterAll
    static void dropServer() {
        db.close();
        server.close();
    }

    private JdbcConnector connector() {
        return JdbcConnector.of(server.jdbcUrl(), server.user(), server.password(), "test:" + server.name(),
                Duration.ofSeconds(5));
    }

    @Test
    void liveStatisticsFromTheServer() {
        try (PostgresSampler sampler = new PostgresSampler(connector())) {
            db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name("patients")))); // warm the cache a little
            MetricGroup first = sampler.sample();
            assertThat(first.values().get("reachable")).isEqualTo(true);
            assertThat(first.number("latency_ms")).hasValueSatisfying(ms -> assertThat(ms).isPositive().isLessThan(1000.0));
            assertThat(first.number("connections")).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
            @SuppressWarnings("unchecked")
            Map<String, Long> byState = (Map<String, Long>) first.values().get("connections_by_state");
            assertThat(byState).containsKey("active"); // the sampler's own query at least
            assertThat(first.number("cache_hit_ratio")).hasValueSatisfying(r -> assertThat(r).isBetween(0.0, 1.0));
            assertThat(first.number("xact_commit")).hasValueSatisfying(n -> assertThat(n).isPositive());
            assertThat(first.number("database_size_bytes")).hasValueSatisfying(n -> assertThat(n).isPositive());
            assertThat(first.unavailable()).isEmpty();

            MetricGroup second = sampler.sample();
            assertThat(second.values()).containsKeys("commits_per_second");
            assertThat(second.number("xact_commit").orElseThrow()).isGreaterThanOrEqualTo(first.number("xact_commit").orElseThrow());
        }
    }

    @Test
    void timingsOfOurStatementsOnPostgresAndHistoryKeptThere() {
        StatementTimings timings = new StatementTimings();
        db.executeListener(timings.listener(StatementTimings.POSTGRESQL));
        try {
            for (int i = 0; i < 20; i++) {
                db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name("patients"))));
            }
            db.writeVoid(dsl -> dsl.execute("DELETE FROM monitor_alerts WHERE id < 0"));
            MonitorService monitor = new MonitorService(new MonitorStore(db), null, new PostgresSampler(connector()),
                    new SystemSampler(dir), null, timings,
                    new MonitorService.Settings(Duration.ofSeconds(15), 30, "cloud-client", Locale.ENGLISH,
                            Clock.systemUTC()));
            Sample sample = monitor.tick();

            var pg = sample.timings().byDatabase().get(StatementTimings.POSTGRESQL);
            assertThat(pg.get(StatementKind.SELECT).count()).isEqualTo(20);
            assertThat(pg.get(StatementKind.DELETE).count()).isEqualTo(1);
            assertThat(pg.get(StatementKind.SELECT).percentileMs(50)).isPositive();
            assertThat(sample.check(CheckResult.CONNECTION).orElseThrow().status()).isEqualTo(HealthStatus.OK);
            assertThat(sample.check(CheckResult.SYNC).orElseThrow().message()).contains("not configured");
            assertThat(sample.sqlite()).isNull();

            assertThat(monitor.history(Duration.ofMinutes(5))).singleElement().satisfies(p -> {
                assertThat(p.pgReachable()).isTrue();
                assertThat(p.pgConnections()).isPositive();
                assertThat(p.cacheHitRatio()).isBetween(0.0, 1.0);
            });
            monitor.setThreshold(new Threshold(Threshold.Metric.CONNECTION_LATENCY_MS, 0, 10_000), "admin");
            assertThat(monitor.tick().check(CheckResult.CONNECTION).orElseThrow().status()).isEqualTo(HealthStatus.WARN);
            assertThat(monitor.alerts(Duration.ofMinutes(5)).stream().filter(a -> a.check().equals("connection")))
                    .singleElement().satisfies(a -> {
                        assertThat(a.id()).isPositive();
                        assertThat(a.to()).isEqualTo(HealthStatus.WARN);
                    });
            monitor.close();
        } finally {
            db.executeListener(null);
        }
    }
}
