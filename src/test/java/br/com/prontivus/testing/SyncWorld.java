package br.com.prontivus.testing;

import br.com.prontivus.clinic.PatientSearchIndex;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.sync.Backoff;
import br.com.prontivus.sync.ChangeWriter;
import br.com.prontivus.sync.ConflictResolver;
import br.com.prontivus.sync.HybridLogicalClock;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.SyncEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One central PostgreSQL (a throw-away database, migrated) and the desktops of sync tests, each
 * with its own data directory and SQLite file; everything is closed with the world.
 */
public final class SyncWorld implements AutoCloseable {

    private final Path dir;
    private final PostgresTestDatabase pg;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private SyncWorld(Path dir, PostgresTestDatabase pg) {
        this.dir = dir;
        this.pg = pg;
    }

    /** A new database with the server schema applied. */
    public static SyncWorld create(Path dir) {
        PostgresTestDatabase pg = PostgresTestDatabase.create();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl());
        Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
        return new SyncWorld(dir, pg);
    }

    public PostgresTestDatabase pg() {
        return pg;
    }

    public String url() {
        return pg.jdbcUrl();
    }

    public Path dir() {
        return dir;
    }

    /** A superuser connection to the test database (bypasses row-level security). */
    public Connection admin() {
        try {
            return DriverManager.getConnection(pg.jdbcUrl());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sql(String statement) {
        try (Connection c = admin(); var s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    public long count(String query) {
        try (Connection c = admin(); var s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** A desktop (not yet enrolled) whose server is {@code serverUrl}; closed with the world. */
    public Desktop open(String name, String serverUrl, Map<String, String> settings) {
        Desktop d = Desktop.open(dir.resolve(name), name, serverUrl, settings);
        closeables.add(d);
        return d;
    }

    public Desktop open(String name, Map<String, String> settings) {
        return open(name, url(), settings);
    }

    /** The first desktop of a new clinic, already synced. */
    public Desktop first(String name, Map<String, String> settings) {
        Desktop d = open(name, settings).initClinic("Clínica " + name);
        requireOk(d.sync());
        return d;
    }

    /** Another desktop of {@code clinicId}, enrolled and bootstrapped. */
    public Desktop joined(String name, UUID clinicId, Map<String, String> settings) {
        Desktop d = open(name, settings).join(clinicId);
        requireOk(d.sync());
        return d;
    }

    /** Forgets a desktop the test closed itself (e.g. to reopen its data directory). */
    public void forget(Desktop d) {
        closeables.remove(d);
    }

    public static SyncEngine.Report requireOk(SyncEngine.Report r) {
        if (!r.ok()) {
            throw new AssertionError("sync failed: " + r.error());
        }
        return r;
    }

    /**
     * Syncs every desktop in turn until one whole round moves nothing (no push, no pull, no error).
     * Returns the number of rounds.
     */
    public static int syncUntilQuiet(List<Desktop> desktops) {
        for (int round = 1; round <= 12; round++) {
            boolean quiet = true;
            for (Desktop d : desktops) {
                SyncEngine.Report r = d.sync();
                if (!r.ok() || r.pushed() + r.alreadyApplied() + r.parked() + r.pulled() > 0) {
                    quiet = false;
                }
            }
            if (quiet) {
                return round;
            }
        }
        throw new AssertionError("sync did not become quiet in 12 rounds");
    }

    /** A conflict resolver writing through this desktop's outbox (what the admin panel does). */
    public static ConflictResolver resolver(Desktop d) {
        HybridLogicalClock hlc = new HybridLogicalClock(Clock.systemUTC());
        Long last = d.local().read(dsl -> dsl.select(DSL.max(Outbox.HLC)).from(Outbox.TABLE).fetchOne(0, Long.class));
        if (last != null) {
            hlc.observe(last);
        }
        ChangeWriter writer = new ChangeWriter(d.clinicId(), d.deviceId(), hlc, new OutboxCapture(Clock.systemUTC()));
        return new ConflictResolver(d.local(), writer);
    }

    /**
     * An engine on the desktop's own SQLite and server pool with other batch / chunk sizes (the
     * composition root uses 500 / 5,000): small pull chunks make a bootstrap many chunks long.
     */
    public static SyncEngine engine(Desktop d, int batchSize, int pullChunk, int retries) {
        return engine(d, batchSize, pullChunk, retries, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
    }

    public static SyncEngine engine(Desktop d, int batchSize, int pullChunk, int retries, Backoff backoff) {
        PostgresDatabase server = d.app().server().orElseThrow();
        var sync = d.app().config().sync();
        return new SyncEngine(d.local(), server, new SyncEngine.Settings(d.clinicId(), d.deviceId(),
                sync.conflictStrategy(), retries, batchSize, pullChunk, backoff,
                d.app().config().dataDirectory().resolve("sync.lock")),
                new HybridLogicalClock(Clock.systemUTC()), Clock.systemUTC(), List.of(PatientSearchIndex.PULL_HOOK));
    }

    public static Map<String, String> settings(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        pg.close();
    }
}
