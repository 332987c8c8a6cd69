package br.com.prontivus.app;

import br.com.prontivus.clinic.ClinicData;
import br.com.prontivus.clinic.ClinicIdentity;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.ClinicSetup;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.FileIdentityStore;
import br.com.prontivus.clinic.IdentityStore;
import br.com.prontivus.clinic.LocalIdentityStore;
import br.com.prontivus.clinic.PasswordHasher;
import br.com.prontivus.clinic.PatientSearchIndex;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.Mode;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.migration.SchemaSeal;
import br.com.prontivus.monitor.MonitorService;
import br.com.prontivus.monitor.StatementTimings;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.sync.Backoff;
import br.com.prontivus.sync.BulkBootstrap;
import br.com.prontivus.sync.ChangeCapture;
import br.com.prontivus.sync.ConflictResolver;
import br.com.prontivus.sync.SyncEngine;
import br.com.prontivus.sync.ChangeWriter;
import br.com.prontivus.sync.HybridLogicalClock;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.ConflictResolver;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.Retention;
import br.com.prontivus.sync.RowApplyHook;
import br.com.prontivus.sync.SyncStatus;
import br.com.prontivus.sync.SyncVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store the mode asks for (migrating the local file first, with a
 * snapshot), and wires the clinic services by hand. The UI, the command line and the local API
 * all start from here; nothing below knows which of them is running.
 */
public final class Prontivus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Prontivus.class);
    public static final String IDENTITY_FILE = "identity.properties";

    private final AppConfig config;
    private final Database local;
    private final IdentityStore identities;
    private final ChangeCapture capture;
    private final Clock clock;
    private final ZoneId zone;
    private final PasswordHasher hasher;
    private final HybridLogicalClock hlc;
    private final MigrationActor actor;
    private final Path demoFile;
    private volatile ClinicServices services;
    private volatile PostgresDatabase server;
    private volatile SyncEngine engine;
    private volatile ChangeWriter writer;
    private volatile SyncService syncService;

    /** Rows per table per pull chunk, and ops per push batch, unless a command asks otherwise. */
    public static final int DEFAULT_PULL_CHUNK = 5_000;
    public static final int DEFAULT_PUSH_BATCH = 500;
    /** Derived local data that follows rows written by sync (pull, re-bootstrap, retention). */
    private static final List<RowApplyHook> SYNC_HOOKS = List.of(PatientSearchIndex.PULL_HOOK);
    private final StatementTimings timings = new StatementTimings();
    private volatile MonitorService monitor;

    private Prontivus(AppConfig config, Database local, IdentityStore identities, ChangeCapture capture, Clock clock,
                      ZoneId zone, PasswordHasher hasher, MigrationActor actor, Path demoFile) {
        this.config = config;
        this.local = local;
        this.identities = identities;
        this.capture = capture;
        this.clock = clock;
        this.zone = zone;
        this.hasher = hasher;
        this.actor = actor;
        this.demoFile = demoFile;
        this.hlc = new HybridLogicalClock(clock);
        // Every statement of the application is timed for the monitor (p50/p95/p99 per kind).
        if (local instanceof SqliteDatabase sqlite) {
            sqlite.executeListener(timings.listener(StatementTimings.SQLITE));
        } else if (local instanceof PostgresDatabase pg) {
            pg.executeListener(timings.listener(StatementTimings.POSTGRESQL));
        }
        if (local instanceof SqliteDatabase) {
            // Never hand out a timestamp older than one already queued, even if the wall clock went back.
            Long last = local.read(dsl -> dsl.select(DSL.max(Outbox.HLC)).from(Outbox.TABLE).fetchOne(0, Long.class));
            if (last != null) {
                hlc.observe(last);
            }
        }
    }

    /** Options that differ between the desktop, commands and tests. */
    public record Options(Clock clock, ZoneId zone, PasswordHasher hasher, String who, boolean migrateLocal) {
        public static Options defaults(String who) {
            return new Options(Clock.systemUTC(), ZoneId.systemDefault(), new PasswordHasher(), who, true);
        }
    }

    public static Prontivus open(AppConfig config, Options options) {
        Path dataDir = config.dataDirectory();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        MigrationActor migrationActor = new MigrationActor(options.who(), null);
        return switch (config.mode()) {
            case OFFLINE, HYBRID -> openLocal(config, options, config.sqlitePath(), migrationActor, null);
            case NO_PERSISTENCE -> openDemo(config, options, migrationActor);
            case CLOUD -> openCloud(config, options, migrationActor);
        };
    }

    private static Prontivus openLocal(AppConfig config, Options options, Path file, MigrationActor actor,
                                       Path demoFile) {
        // Open first: a damaged or foreign file is refused read-only, before any migration touches it.
        SqliteDatabase db = SqliteDatabase.open(file);
        try {
            // Take and release the write lock once before Flyway does: a file held by another process
            // is then refused after one busy timeout with a message naming the file, instead of
            // Flyway retrying its own transactions and failing with a driver message.
            db.write(dsl -> null);
            // Before anything reads or writes the data (a migration included): a bulk bootstrap that
            // a dead process left half done gets its indexes and search terms now; a live one refuses.
            BulkBootstrap.recoverAtStart(db, SYNC_HOOKS, config.dataDirectory().resolve("sync.lock"));
            Migrator.forSqlite(file, actor).prepareForStart(options.migrateLocal());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new Prontivus(config, db, new LocalIdentityStore(db), new OutboxCapture(options.clock()),
                options.clock(), options.zone(), options.hasher(), actor, demoFile);
    }

    /** USE_DATABASE=false: a throw-away file in the temp folder, deleted on close. */
    private static Prontivus openDemo(AppConfig config, Options options, MigrationActor actor) {
        try {
            Path file = Files.createTempFile("prontivus-demo-", ".db");
            Files.delete(file);
            LOG.warn("USE_DATABASE=false: demo mode, nothing will be kept ({})", file);
            return openLocal(config, options, file, actor, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a demo database", e);
        }
    }

    private static Prontivus openCloud(AppConfig config, Options options, MigrationActor actor) {
        PostgresTarget target = config.postgres().orElseThrow();
        PostgresDatabase db = PostgresDatabase.open(ServerLink.poolFor(config, target));
        return new Prontivus(config, db, new FileIdentityStore(config.dataDirectory().resolve(IDENTITY_FILE)),
                new ChangeCapture.None(), options.clock(), options.zone(), options.hasher(), actor, null);
    }

    public AppConfig config() {
        return config;
    }

    public Mode mode() {
        return config.mode();
    }

    /** The database the UI and commands write to: SQLite, or PostgreSQL in cloud mode. */
    public Database local() {
        return local;
    }

    public Optional<ClinicIdentity> identity() {
        return identities.load();
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Services of this installation's clinic; refuses with a clear message before {@code init}. */
    public ClinicServices services() {
        ClinicServices current = services;
        if (current == null) {
            synchronized (this) {
                if (services == null) {
                    ClinicIdentity identity = identity()
                            .orElseThrow(() -> new DomainException.Conflict("error.clinic.missing"));
                    services = ClinicServices.of(new ClinicData(local, changeWriter(), clock), hasher, zone);
                }
                current = services;
            }
        }
        return current;
    }

    /** Writes (and captures) changes of this desktop's clinic; refuses before {@code init}. */
    public ChangeWriter changeWriter() {
        ChangeWriter current = writer;
        if (current == null) {
            synchronized (this) {
                if (writer == null) {
                    ClinicIdentity identity = identity()
                            .orElseThrow(() -> new DomainException.Conflict("error.clinic.missing"));
                    writer = new ChangeWriter(identity.clinicId(), identity.deviceId(), hlc, capture);
                }
                current = writer;
            }
        }
        return current;
    }

    /** Lists and settles this clinic's sync conflicts; a resolution is itself a synced change. */
    public ConflictResolver conflictResolver() {
        return new ConflictResolver(local, changeWriter());
    }

    /** Local retention (OFFLINE_DATA_RETENTION_DAYS) of the outbox, resolved conflicts and tombstones. */
    public Retention retention() {
        if (!(local instanceof SqliteDatabase)) {
            throw new IllegalStateException("Cloud mode keeps no local data to clean up");
        }
        return new Retention(local, clock, SYNC_HOOKS);
    }

    /** Compares this clinic's rows here and on the server; empty offline, in cloud mode or before init. */
    public Optional<SyncVerifier> syncVerifier() {
        return syncEngine().map(e -> new SyncVerifier(local, e.server(), identity().orElseThrow().clinicId(),
                syncLockFile()));
    }

    /** The data directory's sync lock: one engine at a time, whether in the app, the agent or a command. */
    public Path syncLockFile() {
        return config.dataDirectory().resolve("sync.lock");
    }

    /** The local sync bookkeeping (cursor, last times, queue, conflicts); no network. */
    public SyncStatus syncStatus() {
        return SyncStatus.read(local);
    }

    /** One direct probe of the server, as the link monitor runs it; throws when unreachable. */
    public ConnectionMonitor.Probe linkProbe() {
        PostgresTarget target = config.postgres().orElseThrow(() -> new IllegalStateException("No server configured"));
        return () -> switch (ServerLink.probe(config, target)) {
            case ServerLink.Reachability.Reachable r -> r.latency();
            case ServerLink.Reachability.Unreachable u -> throw new java.io.IOException(u.reason());
        };
    }

    /**
     * The background sync of the desktop app (not started: call {@link SyncService#start()}); empty
     * when SYNC_ENABLED=false, offline, in cloud mode or before init. Closed with the application.
     */
    public Optional<SyncService> syncService() {
        if (!config.sync().enabled()) {
            return Optional.empty();
        }
        Optional<SyncEngine> sync = syncEngine();
        if (sync.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (syncService == null) {
                PostgresTarget target = config.postgres().orElseThrow();
                syncService = new SyncService(sync.get(), local, config.sync(),
                        new ConnectionMonitor(linkProbe()),
                        () -> ServerLink.connect(config, target, "prontivus-listen"),
                        identity().orElseThrow().clinicId(), SyncService.DEFAULT_PROBE_INTERVAL);
            }
            return Optional.of(syncService);
        }
    }

    /** First run: the clinic, this device and the first administrator, in one transaction. */
    public ClinicSetup.Result init(String clinicName, String adminLogin, String adminName, char[] password,
                                   String deviceName) {
        return init(null, clinicName, adminLogin, adminName, password, deviceName);
    }

    /** First run with the clinic id an administrator granted on the server (null: a new id). */
    public ClinicSetup.Result init(UUID clinicId, String clinicName, String adminLogin, String adminName,
                                   char[] password, String deviceName) {
        return ClinicSetup.createClinic(local, identities, capture, hlc, clock, hasher, clinicId, clinicName,
                adminLogin, adminName, password, deviceName, actor.who());
    }

    /** Enrols this desktop in a clinic that already exists on the server; its data comes with the next sync. */
    public ClinicIdentity join(UUID clinicId, String deviceName) {
        return ClinicSetup.joinClinic(local, identities, capture, hlc, clock, clinicId, deviceName, actor.who());
    }

    /** The central server's pool (hybrid and cloud modes), opened on first use. */
    public Optional<PostgresDatabase> server() {
        if (local instanceof PostgresDatabase pg) {
            return Optional.of(pg);
        }
        Optional<PostgresTarget> target = config.postgres();
        if (target.isEmpty() || config.mode() != Mode.HYBRID) {
            return Optional.empty();
        }
        synchronized (this) {
            if (server == null) {
                server = PostgresDatabase.open(ServerLink.poolFor(config, target.get()));
                server.executeListener(timings.listener(StatementTimings.POSTGRESQL));
            }
            return Optional.of(server);
        }
    }

    /** The sync engine of a hybrid desktop with a clinic; empty offline, in cloud mode or before init. */
    public Optional<SyncEngine> syncEngine() {
        if (engine != null) {
            return Optional.of(engine);
        }
        Optional<ClinicIdentity> identity = identity();
        Optional<PostgresDatabase> pg = server();
        if (identity.isEmpty() || pg.isEmpty() || !(local instanceof SqliteDatabase)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (engine == null) {
                engine = newEngine(identity.get(), pg.get(), DEFAULT_PULL_CHUNK);
            }
            return Optional.of(engine);
        }
    }

    /**
     * A separate engine for a first bootstrap with its own pull chunk (rows per table per chunk): a
     * slow link wants short chunks. Same lock file as {@link #syncEngine()}, so they never overlap.
     */
    public Optional<SyncEngine> bootstrapEngine(int pullChunk) {
        Optional<ClinicIdentity> identity = identity();
        Optional<PostgresDatabase> pg = server();
        if (identity.isEmpty() || pg.isEmpty() || !(local instanceof SqliteDatabase)) {
            return Optional.empty();
        }
        return Optional.of(newEngine(identity.get(), pg.get(), pullChunk));
    }

    private SyncEngine newEngine(ClinicIdentity identity, PostgresDatabase pg, int pullChunk) {
        return buildEngine(identity, pg, DEFAULT_PUSH_BATCH, pullChunk);
    }

    /**
     * A sync engine wired exactly like {@link #syncEngine()} (same local store, clock, hooks, lock file)
     * but talking to {@code server} with the given sizes: for benchmarks, which wrap the server to count
     * statements and try other batch sizes. Not cached; the caller must not run it beside the app's own.
     */
    public SyncEngine newSyncEngine(Database server, int batchSize, int pullChunk) {
        ClinicIdentity id = identity().orElseThrow(() -> new DomainException.Conflict("error.clinic.missing"));
        if (!(local instanceof SqliteDatabase)) {
            throw new IllegalStateException("Cloud mode has no sync engine");
        }
        return buildEngine(id, server, batchSize, pullChunk);
    }

    private SyncEngine buildEngine(ClinicIdentity identity, Database server, int batchSize, int pullChunk) {
        var sync = config.sync();
        return new SyncEngine(local, server, new SyncEngine.Settings(identity.clinicId(), identity.deviceId(),
                sync.conflictStrategy(), sync.retryAttempts(), batchSize, pullChunk, Backoff.DEFAULT,
                syncLockFile()), hlc, clock, SYNC_HOOKS);
    }

    public String clinicName() {
        return identity().map(id -> ClinicSetup.clinicName(local, id.clinicId())).orElse(null);
    }

    public Migrator localMigrator() {
        if (local instanceof SqliteDatabase sqlite) {
            return Migrator.forSqlite(sqlite.file(), actor);
        }
        throw new IllegalStateException("Cloud mode has no local database");
    }

    public MigrationActor migrationActor() {
        return actor;
    }

    /** Timings of every statement this installation ran, per database and kind. */
    public StatementTimings timings() {
        return timings;
    }

    /** The database monitor of this installation (built on first use, not started). */
    public MonitorService monitor() {
        if (monitor == null) {
            synchronized (this) {
                if (monitor == null) {
                    monitor = Monitoring.create(this, timings);
                }
            }
        }
        return monitor;
    }

    @Override
    public void close() {
        if (syncService != null) {
            syncService.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (server != null) {
            server.close();
        }
        local.close();
        if (demoFile != null) {
            for (Path file : List.of(demoFile, Path.of(demoFile + "-wal"), Path.of(demoFile + "-shm"),
                    SchemaSeal.fileFor(demoFile))) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("Could not delete demo file {}", demoFile, e);
                }
            }
        }
    }
}
