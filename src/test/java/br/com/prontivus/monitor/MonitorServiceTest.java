package br.com.prontivus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.testing.MutableClock;
import br.com.prontivus.testing.TestStores;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor on a real SQLite file: readings, timings, thresholds, alerts, unreachable server, pruning. */
class MonitorServiceTest {

    @TempDir
    Path dir;

    private SqliteDatabase db;
    private final StatementTimings timings = new StatementTimings();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final AtomicLong parked = new AtomicLong();
    private final List<Alert> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = TestStores.migratedSqlite(dir.resolve("clinic.db"));
        db.executeListener(timings.listener(StatementTimings.SQLITE));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MonitorService monitor(PostgresSampler postgres) {
        SyncHealthSource sync = new SyncHealthSource() {
            @Override
            public long oldestPendingAgeSeconds() {
                return 0;
            }

            @Override
            public long pendingOps() {
                return 0;
            }

            @Override
            public long parkedOps() {
                return parked.get();
            }

            @Override
            public long openConflicts() {
                return 0;
            }
        };
        MonitorService m = new MonitorService(new MonitorStore(db), new SqliteSampler(db), postgres,
                new SystemSampler(dir), sync, timings,
                new MonitorService.Settings(Duration.ofSeconds(15), 30, "desk-1", Locale.ENGLISH, clock));
        m.addAlertListener(notified::add);
        return m;
    }

    @Test
    void realSqliteAndSystemReadingsAndOurOwnTimings() {
        MonitorService monitor = monitor(null);
        for (int i = 0; i < 50; i++) {
            db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name("patients"))));
        }
        db.writeVoid(dsl -> dsl.execute("UPDATE sync_state SET last_error = NULL"));

        Sample sample = monitor.tick();

        assertThat(sample.sqlite().number("page_count")).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(sample.sqlite().number("file_size_bytes")).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(sample.sqlite().values()).containsKeys("wal_size_bytes", "freelist_count");
        assertThat(sample.system().number("disk_free_percent")).hasValueSatisfying(n -> assertThat(n).isBetween(0.0, 100.0));
        assertThat(sample.system().number("memory_used_percent")).hasValueSatisfying(n -> assertThat(n).isBetween(0.0, 100.0));
        assertThat(sample.system().number("cpu_load")).hasValueSatisfying(n -> assertThat(n).isBetween(0.0, 1.0));

        var sqlite = sample.timings().byDatabase().get(StatementTimings.SQLITE);
        assertThat(sqlite.get(StatementKind.SELECT).count()).isEqualTo(50);
        assertThat(sqlite.get(StatementKind.UPDATE).count()).isEqualTo(1);
        assertThat(sqlite.get(StatementKind.SELECT).percentileMs(95)).isPositive();
        assertThat(sample.check(CheckResult.PERFORMANCE).orElseThrow().value()).isPositive();
        assertThat(sample.check(CheckResult.CONNECTION).orElseThrow().status()).isEqualTo(HealthStatus.OK);
        assertThat(sample.checks()).extracting(CheckResult::check)
                .containsExactly("connection", "performance", "disk", "memory", "sync");
        assertThat(sample.cpuMs()).isPositive();

        // The monitor's own reads and writes (PRAGMAs, thresholds, the sample row) are not timed.
        assertThat(timings.drainInterval().count()).isZero();
        assertThat(monitor.history(Duration.ofHours(1))).singleElement()
                .satisfies(p -> assertThat(p.queryP95Ms()).isPositive());

        // a handful of statements (a fresh command) is not judged: its p95 is its slowest, cold one
        monitor.setThreshold(new Threshold(Threshold.Metric.PERFORMANCE_P95_MS, 0, 0), "admin");
        db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name("patients"))));
        CheckResult few = monitor.sampleNow().check(CheckResult.PERFORMANCE).orElseThrow();
        assertThat(few.status()).isEqualTo(HealthStatus.OK);
        assertThat(few.message()).contains("too few");
    }

    @Test
    void thresholdsGiveWarnAndCriticalAndOneAlertPerTransition() {
        MonitorService monitor = monitor(null);
        monitor.setThreshold(new Threshold(Threshold.Metric.SYNC_PARKED_OPS, 1, 10), "admin");

        parked.set(0);
        assertThat(monitor.tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.OK);
        clock.advance(Duration.ofSeconds(15));
        parked.set(3);
        assertThat(monitor.tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.WARN);
        clock.advance(Duration.ofSeconds(15));
        assertThat(monitor.tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.WARN);
        clock.advance(Duration.ofSeconds(15));
        parked.set(0);
        assertThat(monitor.tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.OK);

        List<Alert> sync = monitor.alerts(Duration.ofHours(1)).stream().filter(a -> a.check().equals("sync")).toList();
        assertThat(sync).extracting(a -> a.from() + "->" + a.to()).containsExactly("OK->WARN", "WARN->OK");
        assertThat(sync.get(0).message()).contains("3 parked");
        assertThat(sync.get(0).id()).isPositive();
        assertThat(notified.stream().filter(a -> a.check().equals("sync"))).hasSize(2);

        // CRITICAL from a threshold an administrator lowered; a new service on the same file remembers the state.
        monitor.setThreshold(new Threshold(Threshold.Metric.SYNC_PARKED_OPS, 1, 2), "admin");
        parked.set(2);
        clock.advance(Duration.ofSeconds(15));
        assertThat(monitor(null).tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.CRITICAL);
        clock.advance(Duration.ofSeconds(15));
        assertThat(monitor(null).tick().check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(monitor.alerts(Duration.ofHours(1)).stream().filter(a -> a.check().equals("sync")))
                .extracting(a -> a.from() + "->" + a.to()).containsExactly("OK->WARN", "WARN->OK", "OK->CRITICAL");
    }

    @Test
    void diskAndMemoryThresholdsApply() {
        MonitorService monitor = monitor(null);
        monitor.setThreshold(new Threshold(Threshold.Metric.DISK_FREE_PERCENT, 100, 0), "admin"); // any free % warns
        monitor.setThreshold(new Threshold(Threshold.Metric.MEMORY_USED_PERCENT, 0, 0), "admin"); // any use is critical
        Sample s = monitor.tick();
        assertThat(s.check(CheckResult.DISK).orElseThrow().status()).isEqualTo(HealthStatus.WARN);
        assertThat(s.check(CheckResult.MEMORY).orElseThrow().status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(s.overall()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(monitor.alerts(Duration.ofHours(1))).extracting(Alert::check).contains("disk", "memory");
    }

    @Test
    void unreachablePostgresIsCriticalConnectionAndEverythingElseStillWorks() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free now, closed once the socket goes
        }
        PostgresSampler postgres = new PostgresSampler(JdbcConnector.of("jdbc:postgresql://127.0.0.1:" + closedPort
                + "/prontivus", "prontivus", "secret", "127.0.0.1:" + closedPort, Duration.ofSeconds(2)));
        MonitorService monitor = monitor(postgres);

        long start = System.nanoTime();
        Sample sample = monitor.tick();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        CheckResult connection = sample.check(CheckResult.CONNECTION).orElseThrow();
        assertThat(connection.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(connection.message()).contains("unreachable").doesNotContain("secret");
        assertThat(sample.postgres().values().get("reachable")).isEqualTo(false);
        assertThat(sample.postgres().reason("connections")).hasValueSatisfying(r -> assertThat(r).startsWith("server unreachable"));
        assertThat(sample.postgres().toMap()).containsKey("unavailable");
        // the rest still works
        assertThat(sample.sqlite().number("page_count")).isPresent();
        assertThat(sample.system().number("disk_free_percent")).isPresent();
        assertThat(sample.check(CheckResult.SYNC).orElseThrow().status()).isEqualTo(HealthStatus.OK);
        assertThat(monitor.history(Duration.ofHours(1))).singleElement()
                .satisfies(p -> assertThat(p.pgReachable()).isFalse());
        assertThat(monitor.alerts(Duration.ofHours(1))).singleElement()
                .satisfies(a -> assertThat(a.to()).isEqualTo(HealthStatus.CRITICAL));
        monitor.close();
    }

    @Test
    void historyIsPrunedByRetention() {
        MonitorService monitor = monitor(null);
        Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(45)));
        monitor.tick();
        clock.set(now.minus(Duration.ofDays(29)));
        monitor.tick();
        assertThat(monitor.history(Duration.ofDays(60))).hasSize(2);

        clock.set(now);
        monitor.tick(); // prunes on its own (at most once an hour): the 45-day-old sample goes
        assertThat(monitor.history(Duration.ofDays(60))).extracting(HistoryPoint::takenAt)
                .containsExactly(now.minus(Duration.ofDays(29)), now);

        clock.set(now.plus(Duration.ofDays(2)));
        assertThat(monitor.prune(clock.instant())).isEqualTo(1);
        assertThat(monitor.history(Duration.ofDays(60))).extracting(HistoryPoint::takenAt).containsExactly(now);
    }

    @Test
    void startAndStopSampleOnTheInterval() throws Exception {
        MonitorService monitor = monitor(null);
        monitor.interval(Duration.ofMillis(200));
        clock.set(Instant.now());
        monitor.start();
        assertThat(monitor.running()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (monitor.store().history(Instant.EPOCH, null, false).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        monitor.stop();
        assertThat(monitor.running()).isFalse();
        assertThat(monitor.store().history(Instant.EPOCH, null, false).size()).isGreaterThanOrEqualTo(2);
        assertThat(monitor.lastSample()).isPresent();
    }
}
