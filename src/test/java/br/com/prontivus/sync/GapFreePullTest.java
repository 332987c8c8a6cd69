package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 3: while two desktops push concurrently, a third pulls again and again. Every version
 * the server ever assigned (logged by a trigger, committed or not yet at the time of a pull) must be
 * covered: once the puller's cursor has passed version v of a row, it holds that row at v or later.
 */
class GapFreePullTest {

    @TempDir
    Path dir;

    private record PullSnapshot(long cursor, Map<String, Long> versions) {
    }

    @Test
    void aPullerNeverSkipsAVersionThatCommitsLater() throws Exception {
        try (SyncWorld w = SyncWorld.create(dir)) {
            w.sql("CREATE TABLE version_log (table_name text, id uuid, row_version bigint)");
            w.sql("CREATE FUNCTION log_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO version_log VALUES (TG_TABLE_NAME, NEW.id, NEW.row_version); RETURN NULL; END $$");
            for (SyncedTable t : Schema.SYNCED_TABLES) {
                w.sql("CREATE TRIGGER log_version AFTER INSERT OR UPDATE ON " + t.name()
                        + " FOR EACH ROW EXECUTE FUNCTION log_version()");
            }
            Desktop a = w.first("gap-a", Map.of());
            Desktop b = w.joined("gap-b", a.clinicId(), Map.of());
            Desktop reader = w.joined("gap-reader", a.clinicId(), Map.of());
            List<Patient> shared = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                shared.add(Edits.register(a, "Compartilhado " + i));
            }
            requireOk(a.sync());
            requireOk(b.sync());

            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> pushers = new ArrayList<>();
            for (Desktop d : List.of(a, b)) {
                pushers.add(Thread.ofPlatform().name("pusher-" + d.name()).start(() -> {
                    Random rnd = new Random(d.name().hashCode());
                    int n = 0;
                    while (!stop.get()) {
                        try {
                            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                                if (rnd.nextBoolean()) {
                                    Edits.register(d, d.name() + " " + n++);
                                } else {
                                    Edits.set(d, shared.get(rnd.nextInt(shared.size())).id(), "notes", d.name() + " " + n++);
                                }
                            }
                            requireOk(d.sync());
                        } catch (Throwable e) {
                            errors.add(e);
                            return;
                        }
                    }
                }));
            }
            List<PullSnapshot> pulls = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                SyncEngine.Report r = requireOk(reader.sync());
                pulls.add(new PullSnapshot(r.cursor(), localVersions(reader)));
            }
            stop.set(true);
            for (Thread t : pushers) {
                t.join();
            }
            assertThat(errors).isEmpty();
            SyncWorld.syncUntilQuiet(List.of(a, b, reader));

            List<Object[]> log = new ArrayList<>();
            try (var c = w.admin(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT table_name, id, row_version FROM version_log")) {
                while (rs.next()) {
                    log.add(new Object[] {rs.getString(1) + "/" + rs.getObject(2), rs.getLong(3)});
                }
            }
            long previous = 0;
            int missed = 0;
            StringBuilder examples = new StringBuilder();
            for (PullSnapshot p : pulls) {
                assertThat(p.cursor()).as("the cursor never goes back").isGreaterThanOrEqualTo(previous);
                previous = p.cursor();
                for (Object[] entry : log) {
                    long v = (Long) entry[1];
                    if (v <= p.cursor() && p.versions().getOrDefault((String) entry[0], -1L) < v) {
                        if (missed++ < 5) {
                            examples.append("\n  ").append(entry[0]).append(" v").append(v).append(" behind cursor ")
                                    .append(p.cursor()).append(" but the reader had v")
                                    .append(p.versions().get((String) entry[0]));
                        }
                    }
                }
            }
            assertThat(missed).as("versions the cursor skipped:" + examples).isZero();
            System.out.printf("gap-free pull: %d pulls during concurrent pushes, %d versions assigned, cursor %d%n",
                    pulls.size(), log.size(), previous);
            assertThat(pulls.size()).isGreaterThan(5);
            assertThat(log.size()).isGreaterThan(100);
            Convergence.assertConverged(w.url(), a.clinicId(), List.of(a, b, reader));
        }
    }

    private static Map<String, Long> localVersions(Desktop d) {
        Map<String, Long> out = new HashMap<>();
        d.local().read(dsl -> {
            for (SyncedTable t : Schema.SYNCED_TABLES) {
                dsl.select(t.ID, t.ROW_VERSION).from(t.table()).where(t.ROW_VERSION.isNotNull())
                        .forEach(r -> out.put(t.name() + "/" + r.value1(), r.value2()));
            }
            return null;
        });
        return out;
    }
}
