package br.com.prontivus.testing;

import br.com.prontivus.clinic.ClinicData;
import br.com.prontivus.clinic.ClinicIdentity;
import br.com.prontivus.clinic.ClinicSetup;
import br.com.prontivus.clinic.PasswordHasher;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.sync.ChangeCapture;
import br.com.prontivus.sync.ChangeWriter;
import br.com.prontivus.sync.HybridLogicalClock;
import br.com.prontivus.sync.OutboxCapture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** Real databases with the real schema, for tests. */
public final class TestStores {

    /** Fast PBKDF2 for tests only; production uses {@link PasswordHasher#DEFAULT_ITERATIONS}. */
    public static final PasswordHasher FAST_HASHER = new PasswordHasher(10_000);

    private TestStores() {
    }

    public static SqliteDatabase migratedSqlite(Path file) {
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration/sqlite")
                .placeholderReplacement(false)
                .load().migrate();
        return SqliteDatabase.open(file);
    }

    public static PostgresDatabase migratedPostgres(PostgresTestDatabase db) {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), null, null)
                .locations("classpath:db/migration/postgresql")
                .placeholderReplacement(false)
                .load().migrate();
        return PostgresDatabase.open(new PostgresDatabase.Connection(db.jdbcUrl(), db.user(), db.password(),
                "test:" + db.name(), 4, 1, Duration.ofSeconds(5), Duration.ofMinutes(30)));
    }

    /** A clinic created with {@code init} on the given database; outbox capture on SQLite, none on PostgreSQL. */
    public static ClinicData initClinic(Database db, Clock clock) {
        HybridLogicalClock hlc = new HybridLogicalClock(clock);
        ChangeCapture capture = capture(db, clock);
        ClinicSetup.Result result = ClinicSetup.createClinic(db, identities(db), capture, hlc, clock, FAST_HASHER, "Clínica Teste",
                "admin", "Admin", "segredo123".toCharArray(), "test-desktop", "tester");
        return dataFor(db, result.identity(), hlc, clock);
    }

    public static ClinicData dataFor(Database db, ClinicIdentity identity, HybridLogicalClock hlc, Clock clock) {
        return new ClinicData(db, new ChangeWriter(identity.clinicId(), identity.deviceId(), hlc, capture(db, clock)),
                clock);
    }

    private static final java.util.Map<Database, br.com.prontivus.clinic.IdentityStore> IDENTITIES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * SQLite keeps the identity inside the file; for a PostgreSQL test database a file in the temp
     * folder stands in for a cloud client's data directory (one per database, for the test's life).
     */
    public static br.com.prontivus.clinic.IdentityStore identities(Database db) {
        return IDENTITIES.computeIfAbsent(db, d -> d instanceof SqliteDatabase
                ? new br.com.prontivus.clinic.LocalIdentityStore(d)
                : new br.com.prontivus.clinic.FileIdentityStore(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                        "prontivus-test-identity-" + java.util.UUID.randomUUID() + ".properties")));
    }

    /** After a test emptied the database, the stand-in identity file must go too. */
    public static void forgetIdentity(Database db) {
        br.com.prontivus.clinic.IdentityStore store = IDENTITIES.remove(db);
        if (store instanceof br.com.prontivus.clinic.FileIdentityStore file) {
            try {
                java.nio.file.Files.deleteIfExists(file.file());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static ChangeCapture capture(Database db, Clock clock) {
        return db instanceof SqliteDatabase ? new OutboxCapture(clock) : new ChangeCapture.None();
    }
}
