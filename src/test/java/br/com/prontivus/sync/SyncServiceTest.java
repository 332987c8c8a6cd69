package br.com.prontivus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.SyncService;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The background sync service: LISTEN, interval, reconnect and on-demand triggers, coalesced. */
class SyncServiceTest {

    private static PostgresTestDatabase pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void server() {
        pg = PostgresTestDatabase.create();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl());
        Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
    }

    @AfterAll
    static void drop() {
        pg.close();
    }

    private static PatientDraft patient(String name) {
        return new PatientDraft(name, null, null, null, null, null, null, null, null);
    }

    private static void await(Duration max, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the service has run no cycle for 700 ms and none is running; returns its cycle count. */
    private static long settledCycles(SyncService service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long seen = service.snapshot().cycles();
        while (System.nanoTime() < deadline) {
            Thread.sleep(700);
            SyncService.Snapshot now = service.snapshot();
            if (now.cycles() == seen && !now.running()) {
                return seen;
            }
            seen = now.cycles();
        }
        throw new AssertionError("the sync service never settled");
    }

    private static boolean has(Desktop d, String query) {
        return !d.services().patients().search(query, 10).isEmpty();
    }

    @Test
    void aChangeOnOneDesktopReachesTheOtherWithinSecondsThroughListen() throws Exception {
        Map<String, String> settings = Map.of("SYNC_INTERVAL_SECONDS", "3600", "OFFLINE_SYNC_ON_STARTUP", "true");
        try (Desktop a = Desktop.open(dir.resolve("a"), "a", pg.jdbcUrl(), settings).initClinic("Clínica Sol");
             Desktop b = Desktop.open(dir.resolve("b"), "b", pg.jdbcUrl(), settings)) {
            assertThat(a.sync().ok()).isTrue();
            b.join(a.clinicId());
            SyncService sa = a.app().syncService().orElseThrow();
            SyncService sb = b.app().syncService().orElseThrow();
            List<SyncService.Snapshot> seenOnB = Collections.synchronizedList(new ArrayList<>());
            sb.addListener(seenOnB::add);
            sa.start();
            sb.start();
            // startup cycle bootstraps B; both then listen
            await(Duration.ofSeconds(10), () -> sb.snapshot().cycles() >= 1 && sa.snapshot().cycles() >= 1, "startup cycles");
            await(Duration.ofSeconds(10), () -> sa.listening() && sb.listening(), "LISTEN sessions");
            assertThat(b.services().staff().list()).hasSize(1);
            // B's startup cycle may push (its enrolment's audit entry) and so wake A once more:
            // count A's cycles only once both have settled.
            long cyclesOnA = settledCycles(sa);
            settledCycles(sb);

            Patient p = a.services().patients().register(Desktop.ACTOR, patient("Joana Prado"));
            sa.requestSync(); // A pushes on demand; B is never asked
            long start = System.nanoTime();
            await(Duration.ofSeconds(5), () -> has(b, "joana"), "the patient on B");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(b.services().patients().require(p.id()).fullName()).isEqualTo("Joana Prado");
            assertThat(seenOnB).isNotEmpty();
            SyncService.Snapshot snap = sb.snapshot();
            assertThat(snap.lastError()).isNull();
            assertThat(snap.pending()).isZero();
            assertThat(snap.link()).isIn(LinkState.ONLINE, LinkState.DEGRADED);
            // A's own push echoes back on its channel: ignored, so A ran just the cycle it was asked for
            Thread.sleep(1_500);
            assertThat(sa.snapshot().cycles()).isEqualTo(cyclesOnA + 1);
        }
    }

    @Test
    void intervalTriggerRunsCyclesAndRequestsAreCoalescedNeverConcurrent() throws Exception {
        try (Desktop a = Desktop.open(dir.resolve("a"), "a", pg.jdbcUrl(), Map.of()).initClinic("Clínica Lua");
             Desktop b = Desktop.open(dir.resolve("b"), "b", pg.jdbcUrl(), Map.of())) {
            assertThat(a.sync().ok()).isTrue();
            b.join(a.clinicId());
            var settings = b.app().config().sync();
            ConnectionMonitor monitor = new ConnectionMonitor(b.app().linkProbe());
            try (SyncService sb = new SyncService(b.engine(), b.local(), settings, monitor, null, b.clinicId(),
                    Duration.ofSeconds(30), Duration.ofMillis(300))) {
                sb.start();
                await(Duration.ofSeconds(10), () -> sb.snapshot().cycles() >= 3, "interval cycles");
                assertThat(b.services().staff().list()).hasSize(1);
                a.services().patients().register(Desktop.ACTOR, patient("Rita Alves"));
                assertThat(a.sync().ok()).isTrue();
                await(Duration.ofSeconds(5), () -> has(b, "rita"), "the patient on B by the interval trigger");

                long before = sb.snapshot().cycles();
                for (int i = 0; i < 50; i++) {
                    sb.requestSync(); // returns at once
                }
                Thread.sleep(1_000);
                long ran = sb.snapshot().cycles() - before;
                assertThat(ran).isBetween(1L, 10L); // 50 requests, a handful of cycles (interval ones included)
                assertThat(sb.snapshot().lastError()).isNull(); // never "another sync is running"
            }
        }
    }

    @Test
    void reconnectTriggersASyncAndTheMonitorClassifiesTheLink() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicReference<Duration> latency = new AtomicReference<>(Duration.ofMillis(5));
        ConnectionMonitor.Probe fake = () -> {
            if (!up.get()) {
                throw new java.io.IOException("Connection refused");
            }
            return latency.get();
        };
        // classification and transitions, without a server
        ConnectionMonitor m = new ConnectionMonitor(fake, Duration.ofMillis(500), 3, Clock.systemUTC());
        List<String> transitions = new ArrayList<>();
        m.addListener((p, c) -> transitions.add(p.state() + ">" + c.state()));
        assertThat(m.checkNow().state()).isEqualTo(LinkState.OFFLINE);
        up.set(true);
        assertThat(m.checkNow().state()).isEqualTo(LinkState.DEGRADED); // up, but failed within the window
        m.checkNow();
        assertThat(m.checkNow().state()).isEqualTo(LinkState.ONLINE);   // the failure left the window
        latency.set(Duration.ofMillis(800));
        assertThat(m.checkNow().state()).isEqualTo(LinkState.DEGRADED); // slow
        latency.set(Duration.ofMillis(5));
        assertThat(m.checkNow().state()).isEqualTo(LinkState.ONLINE);
        up.set(false);
        assertThat(m.checkNow().state()).isEqualTo(LinkState.OFFLINE);
        assertThat(m.status().lastError()).contains("refused");
        assertThat(transitions).containsExactly("OFFLINE>DEGRADED", "DEGRADED>ONLINE", "ONLINE>DEGRADED",
                "DEGRADED>ONLINE", "ONLINE>OFFLINE");

        // the service: no interval, no startup sync; coming back online triggers a cycle
        try (Desktop a = Desktop.open(dir.resolve("r"), "r", pg.jdbcUrl(),
                Map.of("OFFLINE_SYNC_ON_STARTUP", "false")).initClinic("Clínica Mar")) {
            up.set(false);
            ConnectionMonitor monitor = new ConnectionMonitor(fake, Duration.ofMillis(500), 3, Clock.systemUTC());
            try (SyncService s = new SyncService(a.engine(), a.local(), a.app().config().sync(), monitor, null,
                    a.clinicId(), Duration.ofMillis(100), Duration.ofHours(1))) {
                s.start();
                Thread.sleep(500);
                assertThat(s.snapshot().cycles()).isZero();
                assertThat(s.snapshot().link()).isEqualTo(LinkState.OFFLINE);
                assertThat(s.snapshot().pending()).isPositive();
                up.set(true);
                await(Duration.ofSeconds(5), () -> s.snapshot().cycles() >= 1, "a cycle on reconnect");
                await(Duration.ofSeconds(5), () -> s.snapshot().pending() == 0, "the queue drained");
            }
        }
        // SYNC_ENABLED=false: no service at all
        try (Desktop off = Desktop.open(dir.resolve("off"), "off", pg.jdbcUrl(), Map.of("SYNC_ENABLED", "false"))
                .initClinic("Clínica Off")) {
            assertThat(off.app().syncService()).isEmpty();
        }
    }
}
