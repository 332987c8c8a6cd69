package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.store.StoreException;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk form of a first pull (indexes dropped, plain primary-key loads, indexes and search terms
 * built once at the end): same rows, same terms (search_name included) and same indexes as the
 * per-row path; a crash in the middle leaves a marker that the next start acts on before anything
 * else; a live load keeps other connections from writing patients and other processes from opening.
 */
class BulkBootstrapTest {

    @TempDir
    Path dir;

    /** Desktop A of a clinic with renamed, deleted, socially named and accented patients, synced. */
    private static Desktop clinicWithPatients(SyncWorld w) {
        Desktop a = w.first("bulk-a", Map.of());
        String[] names = {"José da Silva", "Maria Souza", "Ângela Conceição", "João Pereira Lima",
                "Ana Maria", "Zé Ninguém", "Lúcia de Fátima", "Ana Beatriz Souza"};
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String social = i % 5 == 0 ? "Nome Social " + i : null;
            String cpf = i % 3 == 0 ? cpf(i) : null;
            patients.add(a.services().patients().register(Desktop.ACTOR,
                    new PatientDraft(names[i % names.length] + " " + i, social, cpf,
                            i % 2 == 0 ? java.time.LocalDate.of(1950 + i, 1 + i % 12, 1 + i % 28) : null,
                            i % 4 == 0 ? "female" : null, null, null, i % 7 == 0 ? "Rua " + i : null, null)));
        }
        for (int i = 0; i < 10; i++) {
            Edits.set(a, patients.get(i).id(), "full_name", "Renomeado Índio " + i);
        }
        for (int i = 10; i < 15; i++) {
            a.services().patients().delete(Desktop.ACTOR, patients.get(i).id());
        }
        requireOk(a.sync());
        return a;
    }

    /** A valid CPF (check digits computed) from a seed. */
    private static String cpf(int seed) {
        int[] d = new int[11];
        String base = String.format("%09d", 100_000_000 + seed * 7_919);
        for (int i = 0; i < 9; i++) {
            d[i] = base.charAt(i) - '0';
        }
        for (int k = 9; k < 11; k++) {
            int sum = 0;
            for (int i = 0; i < k; i++) {
                sum += d[i] * (k + 1 - i);
            }
            int r = (sum * 10) % 11;
            d[k] = r == 10 ? 0 : r;
        }
        StringBuilder sb = new StringBuilder();
        for (int x : d) {
            sb.append(x);
        }
        return sb.toString();
    }

    @Test
    void aBulkBootstrapEndsLikeThePerRowPathAndGuardsThePatientsMeanwhile() throws Exception {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = clinicWithPatients(w);
            Desktop b = w.open("bulk-b", Map.of()).join(a.clinicId());
            Map<String, String> indexesBefore = indexes(b.local());
            Path file = b.app().config().sqlitePath();
            SyncEngine engine = SyncWorld.engine(b, 500, 7, 3);
            List<Boolean> markerDuringPull = new ArrayList<>();
            List<String> otherConnectionWrites = new ArrayList<>();
            // A write of another thread of this process: it may only run once the load is finished.
            List<Object> sameProcessWrite = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread[] writer = new Thread[1];
            engine.observer(new SyncObserver() {
                @Override
                public void pulled(int rows, long cursor) {
                    markerDuringPull.add(BulkBootstrap.pending(b.local()));
                    if (markerDuringPull.size() == 2) {
                        writer[0] = Thread.ofPlatform().start(() -> {
                            try {
                                sameProcessWrite.add(b.local().write(BulkBootstrap::pending));
                            } catch (StoreException.Locked e) {
                                sameProcessWrite.add(e); // waited the busy timeout: kept out, as wanted
                            }
                        });
                        try {
                            writer[0].join(300);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        assertThat(writer[0].isAlive()).as("the other writer waits for the load").isTrue();
                    }
                    if (markerDuringPull.size() == 3) {
                        assertThat(indexes(b.local())).doesNotContainKeys("ux_patients_cpf", "ix_patients_name",
                                "ix_patient_search_terms_patient");
                        otherConnectionWrites.add(tryWrite(file, "UPDATE patients SET notes = 'x'"));
                        otherConnectionWrites.add(tryWrite(file, "INSERT INTO patients (id, clinic_id, full_name,"
                                + " search_name, updated_at, updated_by) SELECT '" + UUID.randomUUID()
                                + "', clinic_id, 'Intruso', 'intruso', 0, updated_by FROM patients LIMIT 1"));
                    }
                }
            });
            SyncEngine.Report r = requireOk(engine.syncNow());
            assertThat(r.pulled()).isGreaterThan(60);
            assertThat(markerDuringPull).hasSizeGreaterThan(5).containsOnly(true);
            assertThat(otherConnectionWrites).as("another connection cannot write patients while the indexes are down")
                    .hasSize(2).allSatisfy(e -> assertThat(e).contains(BulkBootstrap.GUARD_FUNCTION));
            writer[0].join();
            assertThat(sameProcessWrite).hasSize(1);
            // Either it ran after the load (and saw no marker) or it gave up as busy; never during it.
            assertThat(sameProcessWrite.getFirst()).satisfiesAnyOf(
                    o -> assertThat(o).isEqualTo(false),
                    o -> assertThat(o).isInstanceOf(StoreException.Locked.class));
            assertThat(BulkBootstrap.pending(b.local())).isFalse();
            assertThat(indexes(b.local())).isEqualTo(indexesBefore);
            assertThat(triggers(b.local())).noneMatch(t -> t.startsWith("sync_bulk_guard"));
            // The terms were rebuilt with foreign key checks off: they are on again for every later write.
            Integer foreignKeys = b.local().write(dsl -> dsl.fetchOne("PRAGMA foreign_keys").get(0, Integer.class));
            assertThat(foreignKeys).isEqualTo(1);
            assertThatThrownBy(() -> b.local().writeVoid(dsl -> dsl.execute("INSERT INTO patient_search_terms"
                    + " (clinic_id, term, patient_id, search_name) VALUES (?, 'orfao', ?, 'orfao')",
                    a.clinicId().toString(), UUID.randomUUID().toString())))
                    .hasMessageContaining("FOREIGN KEY");

            assertThat(engine.lastBulkTimings()).as("the terms were folded during the load, not read back")
                    .containsKey("derived patients (prepared while loading)").doesNotContainKey("derived patients");
            assertThat(terms(b)).isEqualTo(terms(a)).hasSizeGreaterThan(100);
            assertThat(patientRows(b)).isEqualTo(patientRows(a));
            assertThat(b.services().patients().search("renomeado", 100)).hasSize(10);

            // The same clinic pulled without the bulk form (one chunk holds it all) ends the same.
            Desktop c = w.open("bulk-c", Map.of()).join(a.clinicId());
            List<Boolean> markerInC = new ArrayList<>();
            SyncEngine plain = SyncWorld.engine(c, 500, 5_000, 3);
            plain.observer(new SyncObserver() {
                @Override
                public void pulled(int rows, long cursor) {
                    markerInC.add(BulkBootstrap.pending(c.local()));
                }
            });
            requireOk(plain.syncNow());
            assertThat(markerInC).containsOnly(false);
            assertThat(terms(c)).isEqualTo(terms(b));
            assertThat(patientRows(c)).isEqualTo(patientRows(b));

            // After the bootstrap, patients are written as usual again, CPF uniqueness enforced.
            b.services().patients().register(Desktop.ACTOR,
                    new PatientDraft("Depois do Bootstrap", null, null, null, null, null, null, null, null));
            assertThat(tryWrite(file, "UPDATE patients SET notes = 'ok' WHERE full_name = 'Depois do Bootstrap'"))
                    .isEqualTo("ok");
            assertThatThrownBy(() -> b.services().patients().register(Desktop.ACTOR,
                    new PatientDraft("CPF Repetido", null, cpf(3), null, null, null, null, null, null)))
                    .isInstanceOf(RuntimeException.class);
        }
    }

    /**
     * The index builds ask SQLite's sorter for worker threads and smaller runs: the sqlite-jdbc build
     * must grant the threads (else the setting silently does nothing), and the connection's own
     * settings (threads, page cache) come back after.
     */
    @Test
    void anIndexBuildUsesSorterThreadsAndRestoresTheSetting() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("threads.db"))) {
            org.jooq.DSLContext dsl = org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.SQLITE);
            dsl.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            dsl.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                    + " INSERT INTO t SELECT i, hex(randomblob(8)) FROM n");
            assertThat(BulkBootstrap.sorterThreads(dsl, "PRAGMA threads = 1")).isEqualTo(1);
            assertThat(BulkBootstrap.sorterThreads(dsl, "PRAGMA threads = " + BulkBootstrap.INDEX_SORT_THREADS))
                    .as("this SQLite build supports sorter threads").isEqualTo(BulkBootstrap.INDEX_SORT_THREADS);
            BulkBootstrap.sorterThreads(dsl, "PRAGMA threads = 1");
            dsl.execute("PRAGMA cache_size = -123456");
            BulkBootstrap.buildIndex(dsl, "CREATE UNIQUE INDEX ux_t_v ON t (v, id)");
            assertThat(BulkBootstrap.sorterThreads(dsl, "PRAGMA threads")).isEqualTo(1);
            assertThat(((Number) dsl.fetchValue("PRAGMA cache_size")).intValue()).isEqualTo(-123456);
            assertThat(((Number) dsl.fetchValue("SELECT count(*) FROM t INDEXED BY ux_t_v WHERE v >= ''")).intValue()).isEqualTo(20000);
            assertThat(dsl.fetchValue("PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    @Test
    void aFailedBulkPullStillEndsWithItsIndexesAndTermsAndResumes() {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = clinicWithPatients(w);
            Desktop b = w.open("bulk-b", Map.of()).join(a.clinicId());
            Map<String, String> indexesBefore = indexes(b.local());
            SyncEngine engine = SyncWorld.engine(b, 500, 7, 3);
            engine.observer(new SyncObserver() {
                private int chunks;

                @Override
                public void pulled(int rows, long cursor) {
                    if (++chunks == 3) {
                        throw new IllegalStateException("failure in the middle of the bootstrap");
                    }
                }
            });
            SyncEngine.Report failed = engine.syncNow();
            assertThat(failed.ok()).isFalse();
            assertThat(failed.cursor()).isPositive();
            assertThat(BulkBootstrap.pending(b.local())).isFalse();
            assertThat(indexes(b.local())).isEqualTo(indexesBefore);
            assertThat(terms(b)).as("the terms of the rows loaded so far").isEqualTo(termsFromPatients(b)).isNotEmpty();

            requireOk(SyncWorld.engine(b, 500, 7, 3).syncNow()); // resumes from the cursor
            assertThat(terms(b)).isEqualTo(terms(a));
            assertThat(patientRows(b)).isEqualTo(patientRows(a));
        }
    }

    @Test
    void aCrashInTheMiddleOfABulkBootstrapIsFinishedByTheNextStartAndTheBootstrapResumes() throws Exception {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = clinicWithPatients(w);
            Desktop b = w.open("bulk-b", Map.of()).join(a.clinicId());
            Map<String, String> indexesBefore = indexes(b.local());
            Path file = b.app().config().sqlitePath();
            b.close();
            w.forget(b);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BulkBootstrapCrashMain.class.getName(), dir.resolve("bulk-b").toString(), "bulk-b", w.url())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes());
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isEqualTo(137);

            // The file as the crash left it: marker present, indexes missing, some rows, no terms.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM sqlite_master WHERE name = '" + BulkBootstrap.MARKER + "'"))
                        .isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM sqlite_master WHERE name = 'ux_patients_cpf'")).isZero();
                assertThat(count(s, "SELECT count(*) FROM patients")).isPositive();
                assertThat(count(s, "SELECT count(*) FROM patient_search_terms")).isZero();
                assertThat(count(s, "SELECT pull_cursor FROM sync_state")).isPositive();
            }

            Desktop again = w.open("bulk-b", Map.of());
            assertThat(BulkBootstrap.pending(again.local())).as("the start finished the load first").isFalse();
            assertThat(indexes(again.local())).isEqualTo(indexesBefore);
            assertThat(triggers(again.local())).noneMatch(t -> t.startsWith("sync_bulk_guard"));
            assertThat(terms(again)).isEqualTo(termsFromPatients(again)).isNotEmpty();

            requireOk(SyncWorld.engine(again, 500, 7, 3).syncNow()); // resumes from the saved cursor
            assertThat(terms(again)).isEqualTo(terms(a));
            assertThat(patientRows(again)).isEqualTo(patientRows(a));
        }
    }

    @Test
    void aStartIsRefusedWhileAnotherProcessStillRunsTheBulkLoad() {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = clinicWithPatients(w);
            Desktop b = w.joined("bulk-b", a.clinicId(), Map.of());
            Map<String, String> indexesBefore = indexes(b.local());
            Path file = b.app().config().sqlitePath();
            Path lockFile = b.app().syncLockFile();
            b.close();
            w.forget(b);
            try (SqliteDatabase db = SqliteDatabase.open(file)) {
                BulkBootstrap.begin(db, a.clinicId()); // as a loader that is still running would have left it
            }
            Optional<SyncLock> loader = SyncLock.tryAcquire(lockFile);
            assertThat(loader).isPresent();
            try (SyncLock ignored = loader.get()) {
                assertThatThrownBy(() -> w.open("bulk-b", Map.of()))
                        .isInstanceOf(StoreException.Locked.class).hasMessageContaining("another Prontivus process");
            }
            Desktop again = w.open("bulk-b", Map.of());
            assertThat(indexes(again.local())).isEqualTo(indexesBefore);
            assertThat(terms(again)).isEqualTo(terms(a));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a write on a connection of its own; "ok" or the error message. */
    private static String tryWrite(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.executeUpdate(sql);
            return "ok";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Map<String, String> indexes(Database db) {
        return db.read(dsl -> new TreeMap<>(dsl.resultQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchMap(
                        r -> r.get(0, String.class), r -> r.get(1, String.class))));
    }

    private static List<String> triggers(Database db) {
        return db.read(dsl -> dsl.resultQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                .fetch(r -> r.get(0, String.class)));
    }

    private static Set<String> terms(Desktop d) {
        return d.local().read(dsl -> new TreeSet<>(dsl.resultQuery(
                "SELECT clinic_id, term, patient_id, search_name FROM patient_search_terms")
                .fetch(x -> x.get(0) + "|" + x.get(1) + "|" + x.get(2) + "|" + x.get(3))));
    }

    /** What the per-row path would hold for the patients present: computed here, independently. */
    private static Set<String> termsFromPatients(Desktop d) {
        return d.local().read(dsl -> {
            Set<String> out = new TreeSet<>();
            dsl.resultQuery("SELECT clinic_id, id, full_name, social_name FROM patients WHERE deleted = 0").forEach(r -> {
                String full = r.get(2, String.class);
                for (String term : br.com.prontivus.clinic.SearchText.terms(full, r.get(3, String.class))) {
                    out.add(r.get(0) + "|" + term + "|" + r.get(1) + "|" + br.com.prontivus.clinic.SearchText.fold(full));
                }
            });
            return out;
        });
    }

    /** Every patient column as SQLite stores it (quote() shows type and text: 1 vs 'true', dates). */
    private static Set<String> patientRows(Desktop d) {
        return d.local().read(dsl -> {
            List<String> columns = dsl.resultQuery("SELECT name FROM pragma_table_info('patients')")
                    .fetch(r -> "quote(" + r.get(0, String.class) + ")");
            assertThat(columns).hasSizeGreaterThan(10);
            return new TreeSet<>(dsl.resultQuery("SELECT " + String.join(" || '|' || ", columns) + " FROM patients")
                    .fetch(r -> r.get(0, String.class)));
        });
    }
}
