package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import br.com.prontivus.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Invariants 2, 5 and 6 under faults: the network drops in the middle of a push and of a pull, the
 * server backend is killed during a push, the server is unreachable for a while, an op is damaged
 * in the outbox, and a push keeps failing. Each ends converged with nothing lost or duplicated.
 */
class SyncFaultsTest extends br.com.prontivus.testing.SyncWorldTestBase {

    private static void registerMany(Desktop d, String prefix, int n) {
        List<PatientDraft> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(new PatientDraft(prefix + " " + i, null, null, null, null, "1198765" + String.format("%04d", i % 10_000),
                    null, "Rua " + i, "notas de " + prefix + " " + i));
        }
        d.services().patients().registerBatch(Desktop.ACTOR, drafts);
    }

    @Test
    void theConnectionDropsInTheMiddleOfAPushBatch() {
        try (TcpProxy proxy = TcpProxy.to(w.pg().hostPort(), Duration.ofMinutes(3))) {
            Desktop a = w.first("push-drop", Map.of());
            Desktop b = w.open("push-drop-b", proxy.rewrite(w.url()), Map.of()).join(a.clinicId());
            requireOk(b.sync());
            registerMany(b, "Push", 600); // 1,200 ops: three batches of 500
            AtomicInteger tripped = new AtomicInteger();
            proxy.dropAfter(TcpProxy.Direction.UPSTREAM, 60_000, tripped::incrementAndGet);
            SyncEngine.Report r = b.sync();
            assertThat(tripped.get()).as("the drop happened").isEqualTo(1);
            assertThat(r.ok()).as("retried within the cycle: " + r.error()).isTrue();
            assertThat(r.pushed() + r.alreadyApplied()).isEqualTo(1_200);
            SyncWorld.syncUntilQuiet(List.of(a, b));
            Convergence.assertConverged(w.url(), a.clinicId(), List.of(a, b));
        }
    }

    @Test
    void theConnectionDropsInTheMiddleOfABootstrapPull() {
        try (TcpProxy proxy = TcpProxy.to(w.pg().hostPort(), Duration.ofMinutes(3))) {
            Desktop a = w.first("pull-drop", Map.of());
            registerMany(a, "Pull", 1_500); // 3,000 rows with the audit trail
            requireOk(a.sync());
            Desktop b = w.open("pull-drop-b", proxy.rewrite(w.url()), Map.of()).join(a.clinicId());
            SyncEngine small = SyncWorld.engine(b, 500, 200, 3);
            AtomicLong cursorAtDrop = new AtomicLong(-1);
            AtomicInteger tripped = new AtomicInteger();
            proxy.dropAfter(TcpProxy.Direction.DOWNSTREAM, 600_000, tripped::incrementAndGet);
            long t0 = System.nanoTime();
            small.observer(new SyncObserver() {
                @Override
                public void pulled(int rows, long cursor) {
                    if (tripped.get() == 0) {
                        cursorAtDrop.set(cursor); // the last chunk saved before the drop
                    }
                }
            });
            SyncEngine.Report r = requireOk(small.syncNow());
            assertThat(tripped.get()).as("the drop happened").isEqualTo(1);
            assertThat(cursorAtDrop.get()).as("chunks before the drop were kept").isPositive();
            assertThat(r.pulled()).as("the retry resumed from the saved cursor instead of starting over").isLessThan(3_000);
            System.out.printf("bootstrap over the proxy: dropped after cursor %d, the retry pulled the other %d rows;"
                    + " %d ms%n", cursorAtDrop.get(), r.pulled(), (System.nanoTime() - t0) / 1_000_000);
            assertThat(b.services().patients().count()).isEqualTo(1_500);
            SyncWorld.syncUntilQuiet(List.of(a, b));
            Convergence.assertConverged(w.url(), a.clinicId(), List.of(a, b));
        }
    }

    @Test
    void theServerBackendIsKilledDuringAPush() throws Exception {
        Desktop a = w.first("kill-backend", Map.of());
        registerMany(a, "Kill", 1_000);
        AtomicInteger killed = new AtomicInteger();
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (killed.get() == 0 && System.nanoTime() < until) {
                // a backend of ours inside a write transaction: that is a push (pulls are read-only)
                killed.addAndGet((int) w.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'prontivus'"
                        + " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL) k"));
            }
        });
        SyncEngine.Report r = a.sync();
        killer.join();
        assertThat(killed.get()).as("a backend was killed mid-push").isPositive();
        assertThat(r.ok()).as("retried: " + r.error()).isTrue();
        SyncWorld.syncUntilQuiet(List.of(a));
        Convergence.assertConverged(w.url(), a.clinicId(), List.of(a));
    }

    @Test
    void offlineTheDesktopWorksAndTheQueueDrainsWhenTheServerComesBack() {
        try (TcpProxy proxy = TcpProxy.to(w.pg().hostPort(), Duration.ofMinutes(3))) {
            Desktop a = w.first("offline", Map.of());
            Desktop b = w.open("offline-b", proxy.rewrite(w.url()), SyncWorld.settings("DB_POOL_TIMEOUT", "2"))
                    .join(a.clinicId());
            requireOk(b.sync());
            proxy.enabled(false);
            int before = b.engine().queue().counts().getOrDefault("pending", 0);
            Patient p = Edits.register(b, "Sem Rede");
            Edits.set(b, p.id(), "phone", "11912345678");
            int pending = b.engine().queue().counts().getOrDefault("pending", 0);
            assertThat(pending).as("the queue grows").isGreaterThan(before);
            long t0 = System.nanoTime();
            SyncEngine.Report r = b.sync();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isNotBlank();
            assertThat(ms).as("bounded by DB_POOL_TIMEOUT=2s").isLessThan(4_000);
            assertThat(b.services().patients().require(p.id()).phone()).isEqualTo("11912345678");
            assertThat(b.engine().queue().counts().getOrDefault("pending", 0)).isEqualTo(pending);
            proxy.enabled(true);
            SyncEngine.Report back = requireOk(b.sync());
            assertThat(back.pushed()).isEqualTo(pending);
            assertThat(b.engine().queue().counts().getOrDefault("pending", 0)).isZero();
            System.out.printf("offline sync answered in %d ms; %d queued ops drained on reconnect%n", ms, pending);
            SyncWorld.syncUntilQuiet(List.of(a, b));
            Convergence.assertConverged(w.url(), a.clinicId(), List.of(a, b));
        }
    }

    @Test
    void aDamagedOpIsParkedNotAppliedAndOtherRowsGoOn() {
        Desktop a = w.first("corrupt", Map.of());
        Patient bad = Edits.register(a, "Original");
        Patient good = Edits.register(a, "Intacto");
        a.local().writeVoid(dsl -> dsl.update(Outbox.TABLE)
                .set(Outbox.ROW_AFTER, org.jooq.impl.DSL.replace(Outbox.ROW_AFTER, "Original", "Adulterado"))
                .where(Outbox.ROW_ID.eq(bad.id())).and(Outbox.KIND.eq("insert")).execute());
        Edits.set(a, bad.id(), "phone", "11911112222"); // a later op of the damaged row waits behind it
        Edits.set(a, good.id(), "phone", "11933334444");
        SyncEngine.Report r = a.sync();
        assertThat(r.parked()).isEqualTo(1);
        var parked = a.engine().queue().list("parked", 10);
        assertThat(parked).singleElement().satisfies(op -> {
            assertThat(op.rowId()).isEqualTo(bad.id());
            assertThat(op.lastError()).contains("checksum");
        });
        assertThat(a.engine().queue().list("pending", 10)).singleElement()
                .satisfies(op -> assertThat(op.rowId()).isEqualTo(bad.id()));
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + bad.id() + "'")).as("not applied").isZero();
        assertThat(w.count("SELECT count(*) FROM patients WHERE full_name = 'Adulterado'")).isZero();
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE op_id = '" + parked.getFirst().opId() + "'")).isZero();
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + good.id() + "' AND phone = '11933334444'"))
                .as("the other row went on").isEqualTo(1);
        requireOk(a.sync()); // nothing more goes; nothing is retried in a loop
        assertThat(a.engine().queue().list("parked", 10)).hasSize(1);
    }

    /**
     * A push that keeps failing defers its ops; a later op of the same row must wait for them, or
     * it reaches the server first and the older value overwrites the newer one.
     */
    @Test
    void opsOfOneRowStayInOrderWhenAnEarlierOneIsWaitingForItsRetry() {
        w.sql("CREATE TABLE IF NOT EXISTS fault_flags (armed boolean)");
        w.sql("CREATE OR REPLACE FUNCTION fail_push() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF EXISTS (SELECT 1 FROM fault_flags) THEN RAISE EXCEPTION 'injected' USING ERRCODE = '40001'; END IF;"
                + " RETURN NULL; END $$");
        w.sql("DROP TRIGGER IF EXISTS fail_push ON applied_ops");
        w.sql("CREATE TRIGGER fail_push BEFORE INSERT ON applied_ops FOR EACH STATEMENT EXECUTE FUNCTION fail_push()");
        try {
            Desktop a = w.first("order", SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "sqlite_wins"));
            Patient p = Edits.register(a, "Ordem");
            requireOk(a.sync());
            SyncEngine engine = SyncWorld.engine(a, 500, 5_000, 0,
                    new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60)));
            w.sql("INSERT INTO fault_flags VALUES (true)");
            Edits.set(a, p.id(), "phone", "11911111111");
            assertThat(engine.syncNow().ok()).as("the push fails and is deferred").isFalse();
            w.sql("DELETE FROM fault_flags");
            Edits.set(a, p.id(), "phone", "11922222222"); // the newer value
            requireOk(engine.syncNow());
            assertThat(w.count("SELECT count(*) FROM sync_conflicts WHERE clinic_id = '" + a.clinicId() + "'"))
                    .as("no conflict with itself").isZero();
            // time passes: the deferred ops are due again
            a.local().writeVoid(dsl -> dsl.update(Outbox.TABLE).set(Outbox.NEXT_ATTEMPT_AT, (java.time.Instant) null).execute());
            requireOk(engine.syncNow());
            SyncWorld.syncUntilQuiet(List.of(a));
            assertThat(a.services().patients().require(p.id()).phone()).isEqualTo("11922222222");
            assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + p.id() + "' AND phone = '11922222222'"))
                    .isEqualTo(1);
            Convergence.assertConverged(w.url(), a.clinicId(), List.of(a));
        } finally {
            w.sql("DROP TRIGGER IF EXISTS fail_push ON applied_ops");
        }
    }
}
