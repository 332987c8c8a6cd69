package br.com.prontivus.store;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.clinic.ClinicData;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.sync.CanonicalJson;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import br.com.prontivus.testing.DialectStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteFaultsTest {

    @TempDir
    static Path shared;
    static DialectStores stores;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stores = new DialectStores(shared);
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    @AfterEach
    void closeFiles() {
        stores.closeSqlite();
    }

    static String sha256(Path file) throws Exception {
        return CanonicalJson.sha256(HexFormat.of().formatHex(Files.readAllBytes(file)));
    }

    @Test
    void aFileOfGarbageIsCorruptAndLeftUntouched() throws Exception {
        Path file = dir.resolve("garbage.db");
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        Files.write(file, bytes);
        String hash = sha256(file);

        assertThatThrownBy(() -> SqliteDatabase.open(file))
                .isInstanceOfSatisfying(StoreException.Corrupt.class,
                        e -> assertThat(e.getMessage()).contains(file.toAbsolutePath().toString()));

        assertThat(sha256(file)).isEqualTo(hash);
        assertThat(dir.resolve("garbage.db-wal")).doesNotExist();
        assertThat(dir.resolve("garbage.db-shm")).doesNotExist();
        assertThat(dir.resolve("garbage.db-journal")).doesNotExist();
    }

    @Test
    void aTextFileIsCorruptToo() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "this is not a database\n".repeat(200));
        String hash = sha256(file);
        assertThatThrownBy(() -> SqliteDatabase.open(file)).isInstanceOf(StoreException.Corrupt.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(sha256(file)).isEqualTo(hash);
    }

    @Test
    void openSetsWalAndFullSynchronous() {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        SqliteDatabase db = (SqliteDatabase) env.db();
        assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(db, "synchronous")).isEqualTo("2"); // FULL
        assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
        assertThat(db.label()).isEqualTo(db.file().toString());
    }

    static String pragma(SqliteDatabase db, String name) {
        return db.write(dsl -> String.valueOf(dsl.fetchValue("pragma " + name)));
    }

    /** Run in a child JVM: opens the file, takes an exclusive lock, says so, and holds it. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN EXCLUSIVE");
                System.out.println("LOCKED");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }

    @Test
    @Timeout(60)
    void aFileLockedByAnotherProcessIsReportedAsLocked() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        SqliteDatabase first = (SqliteDatabase) env.db();
        Path file = first.file();
        new PatientService(env.data()).register(ACTOR, PatientDraftFixture.ANA);
        Map<String, Integer> before = env.counts();
        first.close();

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SqliteDatabase db = null;
        ClinicData data = null;
        Process child = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return "IOException " + e.getMessage();
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(line).isEqualTo("LOCKED");

            db = SqliteDatabase.open(file, 500);
            data = br.com.prontivus.testing.TestStores.dataFor(db,
                    br.com.prontivus.testing.TestStores.identities(db).load().orElseThrow(),
                    new br.com.prontivus.sync.HybridLogicalClock(env.clock()), env.clock());
            ClinicData locked = data;
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> new PatientService(locked).register(ACTOR, PatientDraftFixture.BRUNO))
                    .isInstanceOfSatisfying(StoreException.Locked.class,
                            e -> assertThat(e.getMessage()).contains(file.toString()));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(elapsedMs).isLessThan(10_000L);
            // readers still work in WAL mode while the other process holds the write lock
            SqliteDatabase reading = db;
            int patientsSeen = reading.read(dsl -> dsl.fetchCount(org.jooq.impl.DSL.table("patients")));
            assertThat(patientsSeen).isEqualTo(before.get("patients"));
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            ClinicEnv after = new ClinicEnv(Dialect.SQLITE, db, env.clock(), data);
            assertThat(after.counts()).isEqualTo(before);
            // the same connection writes again once the other process is gone, still atomically
            new PatientService(data).register(ACTOR, PatientDraftFixture.BRUNO);
            assertThat(after.count("patients")).isEqualTo(before.get("patients") + 1);
            Map<String, Integer> afterWrite = after.counts();
            assertThatThrownBy(() -> after.data().write(ACTOR, tx -> {
                tx.dsl().execute("update patients set notes = 'half done'");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(after.counts()).isEqualTo(afterWrite);
            int halfDone = db.read(dsl -> dsl.fetchCount(org.jooq.impl.DSL.table("patients"),
                    org.jooq.impl.DSL.field("notes").isNotNull()));
            assertThat(halfDone).isZero();
        } finally {
            db.close();
        }
    }

    @Test
    @Timeout(30)
    void readersSeeCommittedDataWhileAWriteIsOpen() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        PatientService patients = new PatientService(env.data());
        patients.register(ACTOR, PatientDraftFixture.ANA);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> env.data().write(ACTOR, tx -> {
            tx.dsl().execute("update patients set notes = 'uncommitted'");
            inserted.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertThat(inserted.await(20, TimeUnit.SECONDS)).isTrue();
            // the read does not wait for the writer and sees the last committed state
            long t0 = System.nanoTime();
            int count = patients.count();
            assertThat(count).isEqualTo(1);
            assertThat(patients.list(10, 0).getFirst().notes()).isNull();
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
        } finally {
            release.countDown();
        }
        writer.get(20, TimeUnit.SECONDS);
        assertThat(patients.list(10, 0).getFirst().notes()).isEqualTo("uncommitted");
    }

    @Test
    void writesInThisProgramAreSerialisedNotRefused() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        PatientService patients = new PatientService(env.data());
        var futures = java.util.stream.IntStream.range(0, 8).mapToObj(i -> CompletableFuture.runAsync(() ->
                patients.register(ACTOR, new PatientDraft("Paciente " + i, null, null, null, null, null, null, null,
                        null)))).toList();
        for (var f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        int count = patients.count();
        assertThat(count).isEqualTo(8);
    }

    static final class PatientDraftFixture {
        static final PatientDraft ANA = new PatientDraft("Ana", null, null, null, null, null, null, null, null);
        static final PatientDraft BRUNO = new PatientDraft("Bruno", null, null, null, null, null, null, null, null);
    }
}
