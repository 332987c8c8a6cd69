package br.com.prontivus.bench;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.PasswordHasher;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.SearchText;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.sync.CanonicalJson;
import br.com.prontivus.sync.ChangeNotifications;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.sync.SyncEngine;
import br.com.prontivus.sync.SyncObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jooq.Field;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@code prontivus bench sync}: the sync engine against a real PostgreSQL, each figure beside a
 * baseline measured in the same run.
 *
 * <ol>
 *   <li>Push: {@code changes} queued ops (half patients, half their audit rows, from
 *       {@code registerBatch}) pushed by one desktop, vs a raw JDBC batch insert of the same rows into
 *       bare tables (same columns, no index, no trigger).</li>
 *   <li>Bootstrap: a new desktop joins a clinic of {@code bootstrapRows} patients (seeded with COPY,
 *       not pushed) and pulls them, vs COPY out of PostgreSQL and a raw PostgreSQL → SQLite pipeline.</li>
 *   <li>Propagation latency A → B, B woken by LISTEN/NOTIFY and running one sync per wake-up.</li>
 *   <li>Idle cycle: statements and transactions sent to the server, and time.</li>
 *   <li>Many desktops over several clinics pushing at once; convergence checked at the end.</li>
 * </ol>
 * The benchmark creates its own database on the server (random name) and drops it at the end, and
 * keeps every desktop in {@code dir}.
 */
public final class SyncBenchmark {

    public static final double TARGET_PUSH_RATIO = 0.5;
    public static final double TARGET_BOOTSTRAP_ROWS_PER_S = 50_000;
    public static final double TARGET_LATENCY_P95_MS = 2_000;
    public static final int TARGET_IDLE_STATEMENTS = 2;
    public static final double TARGET_IDLE_MS = 50;
    public static final String DEFAULT_SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** Sizes of the run; {@link #defaults()} is what docs/PERFORMANCE.md uses. */
    public record Settings(String serverUrl, int changes, int bootstrapRows, int latencyChanges, int idleCycles,
                           int desktops, int clinics, int opsPerDesktop, int batchSize, int pullChunk, long seed) {
        public static Settings defaults() {
            return new Settings(DEFAULT_SERVER_URL, 100_000, 1_000_000, 200, 50, 50, 5, 200,
                    Prontivus.DEFAULT_PUSH_BATCH, Prontivus.DEFAULT_PULL_CHUNK, 20_261_126L);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changes", changes);
            m.put("bootstrap_rows", bootstrapRows);
            m.put("latency_changes", latencyChanges);
            m.put("idle_cycles", idleCycles);
            m.put("desktops", desktops);
            m.put("clinics", clinics);
            m.put("ops_per_desktop", opsPerDesktop);
            m.put("batch_size", batchSize);
            m.put("pull_chunk", pullChunk);
            m.put("seed", seed);
            return m;
        }
    }

    private final Path dir;
    private final Settings settings;
    private final Consumer<String> progress;
    private final PatientGenerator generator;
    private final Actor actor = Actor.system("bench");
    private final String serverDbUrl;
    private long nextPerson; // generator indexes handed out so far: every patient gets a CPF of its own

    private SyncBenchmark(Path dir, Settings settings, Consumer<String> progress, String serverDbUrl) {
        this.dir = dir;
        this.settings = settings;
        this.progress = progress;
        this.serverDbUrl = serverDbUrl;
        this.generator = new PatientGenerator(settings.seed());
    }

    /** Runs every section; {@code dir} must be empty or absent (the caller owns and deletes it). */
    public static BenchReport run(Path dir, Settings settings, Consumer<String> progress) {
        try {
            Files.createDirectories(dir);
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("The benchmark directory " + dir + " is not empty");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "prontivus_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execAdmin(settings.serverUrl(), "CREATE DATABASE " + name);
        try {
            String url = replaceDatabase(settings.serverUrl(), name);
            progress.accept("server database " + name + " (dropped at the end)");
            return new SyncBenchmark(dir, settings, progress, url).runAll(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Benchmark database work failed: " + e.getMessage(), e);
        } finally {
            execAdmin(settings.serverUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private BenchReport runAll(String dbName) throws SQLException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> machine = MachineInfo.collect(dir);
        machine.put("postgresql", scalar("SELECT version()"));
        report.put("machine", machine);
        report.put("load_average_before", loadAverage());
        report.put("settings", settings.toMap());
        report.put("server", "superuser connection (row-level security bypassed), database " + dbName);

        try (Connection c = DriverManager.getConnection(serverDbUrl)) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(serverDbUrl);
            Migrator.forPostgres(ds, new MigrationActor("bench", null)).run();
        }

        progress.accept("1/5 push: " + settings.changes() + " queued ops");
        report.put("push", pushSection());
        progress.accept("2/5 bootstrap: " + settings.bootstrapRows() + " rows");
        report.put("bootstrap", bootstrapSection());
        progress.accept("3/5 + 4/5 propagation latency (" + settings.latencyChanges() + " changes) and idle cycles");
        Map<String, Object> latencyAndIdle = latencyAndIdleSections();
        report.put("latency", latencyAndIdle.get("latency"));
        report.put("idle", latencyAndIdle.get("idle"));
        progress.accept("5/5 " + settings.desktops() + " desktops over " + clinicsUsed() + " clinics pushing at once");
        report.put("many_desktops", manyDesktopsSection());
        report.put("load_average_after", loadAverage());
        boolean pass = passed(report.get("push")) && passed(report.get("bootstrap")) && passed(report.get("latency"))
                && passed(report.get("idle")) && passed(report.get("many_desktops"));
        report.put("pass", pass);
        return new BenchReport(report, SyncBenchmark::toText);
    }

    private int clinicsUsed() {
        return Math.max(1, Math.min(settings.clinics(), settings.desktops()));
    }

    // ---- desktops ----------------------------------------------------------------------------------------

    private Prontivus openDesktop(String name, int poolSize, int overflow) {
        Map<String, String> flags = new HashMap<>();
        flags.put("DATABASE_URL", serverDbUrl);
        flags.put("DB_POOL_SIZE", Integer.toString(poolSize));
        flags.put("DB_MAX_OVERFLOW", Integer.toString(overflow));
        flags.put("DB_POOL_TIMEOUT", "30");
        flags.put("SYNC_RETRY_ATTEMPTS", "5");
        return Prontivus.open(ConfigLoader.forDataDirectory(dir.resolve(name), flags),
                new Prontivus.Options(Clock.systemUTC(), ZoneId.systemDefault(), new PasswordHasher(10_000),
                        "bench-" + name, true));
    }

    private void initClinic(Prontivus app, String clinicName, String deviceName) {
        app.init(clinicName, "admin", "Administrador", "bench-password".toCharArray(), deviceName);
    }

    private CountingDatabase counting(Prontivus app) {
        return new CountingDatabase(app.server().orElseThrow());
    }

    private SyncEngine engine(Prontivus app, Database server) {
        return app.newSyncEngine(server, settings.batchSize(), settings.pullChunk());
    }

    private static SyncEngine.Report syncOk(SyncEngine engine) {
        SyncEngine.Report r = engine.syncNow();
        if (!r.ok()) {
            throw new IllegalStateException("sync failed: " + r.error());
        }
        return r;
    }

    private List<PatientDraft> drafts(int count) {
        List<PatientDraft> list = generator.drafts(nextPerson, count);
        nextPerson += count;
        return list;
    }

    private void register(Prontivus app, int patients) {
        List<PatientDraft> all = drafts(patients);
        for (int from = 0; from < all.size(); from += 1_000) {
            var rows = app.services().patients().registerBatch(actor, all.subList(from, Math.min(all.size(), from + 1_000)));
            for (var row : rows) {
                if (!row.registered()) {
                    throw new IllegalStateException("generated patient refused: " + row);
                }
            }
        }
    }

    private static int pending(SyncEngine engine) {
        return engine.queue().counts().getOrDefault("pending", 0);
    }

    // ---- 1. push ----------------------------------------------------------------------------------------

    private Map<String, Object> pushSection() throws SQLException {
        try (Prontivus app = openDesktop("push", 2, 2)) {
            initClinic(app, "Clínica Push", "push-desktop");
            CountingDatabase server = counting(app);
            SyncEngine engine = engine(app, server);
            syncOk(engine); // the clinic's own first rows, so the timed push holds only the generated changes
            progress.accept("  queueing " + settings.changes() / 2 + " patients (+ their audit rows)");
            register(app, settings.changes() / 2);
            List<OutboxEntry> ops = engine.queue().list("pending", Integer.MAX_VALUE);
            List<BareRow> bare = bareRows(ops, app.identity().orElseThrow().deviceId());

            progress.accept("  pushing " + ops.size() + " ops, batches of " + settings.batchSize());
            long statements0 = server.statements();
            long tx0 = server.transactions();
            AtomicLong lastAck = new AtomicLong();
            AtomicLong firstPull = new AtomicLong();
            AtomicLong acked = new AtomicLong();
            // Diagnostic (profile runs only): CPU seconds of the pushing thread and of the bench
            // database's server backends up to the last acknowledgement. On a shared machine wall
            // time moves with other people's load; CPU per op moves much less.
            boolean profile = Boolean.getBoolean("prontivus.bench.profile");
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] cpuAtAck = new long[2];
            Connection diag = profile ? DriverManager.getConnection(serverDbUrl) : null;
            long clientCpu0 = profile ? threads.getCurrentThreadCpuTime() : 0;
            long serverCpu0 = profile ? serverBackendCpuNanos(diag) : 0;
            engine.observer(new SyncObserver() {
                @Override
                public void pushed(int applied, int parked) {
                    acked.addAndGet(applied);
                    lastAck.set(System.nanoTime());
                    if (profile) {
                        cpuAtAck[0] = threads.getCurrentThreadCpuTime();
                        cpuAtAck[1] = serverBackendCpuNanos(diag);
                    }
                }

                @Override
                public void pulled(int rows, long cursor) {
                    firstPull.compareAndSet(0, System.nanoTime());
                }
            });
            long t0 = System.nanoTime();
            SyncEngine.Report r = syncOk(engine);
            long t1 = System.nanoTime();
            engine.observer(null);
            double pushSeconds = (lastAck.get() - t0) / 1e9;
            double cycleSeconds = (t1 - t0) / 1e9;

            progress.accept("  baseline: raw JDBC batch insert of the same " + bare.size() + " rows");
            Map<String, Object> raw = rawPush(bare);

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "SyncEngine.syncNow on one desktop with " + ops.size() + " queued ops (" + ops.size() / 2
                    + " patients from registerBatch + their " + ops.size() / 2 + " audit rows): read outbox batch, "
                    + "server checksum check, applied-op check, row locks, merge, upsert RETURNING, applied_ops, "
                    + "NOTIFY, local acknowledgement; push time = cycle start to last acknowledgement");
            m.put("ops", ops.size());
            m.put("pushed", r.pushed());
            m.put("batch_size", settings.batchSize());
            m.put("push_seconds", round(pushSeconds, 3));
            m.put("ops_per_s", round(r.pushed() / pushSeconds, 0));
            m.put("server_statements", server.statements() - statements0);
            m.put("server_transactions", server.transactions() - tx0);
            if (profile) {
                diag.close();
                m.put("server_profile", server.profile());
                m.put("push_thread_cpu_seconds", round((cpuAtAck[0] - clientCpu0) / 1e9, 3));
                if (serverCpu0 >= 0 && cpuAtAck[1] >= 0) {
                    m.put("server_backend_cpu_seconds", round((cpuAtAck[1] - serverCpu0) / 1e9, 3));
                }
            }
            m.put("echo_pull_rows", r.pulled());
            m.put("echo_pull_seconds", round((t1 - lastAck.get()) / 1e9, 3));
            m.put("cycle_seconds", round(cycleSeconds, 3));
            m.put("baseline", raw);
            double ratio = (r.pushed() / pushSeconds) / (double) raw.get("rows_per_s");
            m.put("ratio_to_baseline", round(ratio, 3));
            m.put("target", "ratio >= " + TARGET_PUSH_RATIO);
            m.put("pass", r.pushed() == ops.size() && ratio >= TARGET_PUSH_RATIO);
            return m;
        }
    }

    /**
     * CPU time (user + system) of the server backends connected to the bench database, read from
     * /proc: meaningful only when PostgreSQL runs on this machine (the default URL); -1 when the
     * backends cannot be read. Backends that ended since the last reading are not counted, so this
     * is for runs where the engine's pool keeps its connections (it does during a push). {@code c}
     * is a connection of its own, excluded from the sum.
     */
    private static long serverBackendCpuNanos(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND pid <> pg_backend_pid()")) {
            long ticks = 0;
            while (rs.next()) {
                Path stat = Path.of("/proc", Integer.toString(rs.getInt(1)), "stat");
                if (!Files.isReadable(stat)) {
                    return -1;
                }
                String text = Files.readString(stat);
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            }
            return ticks * 10_000_000L; // USER_HZ = 100 on Linux
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** One row as the push writes it, already typed: what a raw insert of "the same rows" sends. */
    private record BareRow(SyncedTable table, Object[] values) {
    }

    private static List<Field<?>> bareColumns(SyncedTable table) {
        return table.allFields().stream().filter(f -> f != table.ROW_VERSION).toList();
    }

    private static List<BareRow> bareRows(List<OutboxEntry> ops, UUID device) {
        List<BareRow> rows = new ArrayList<>(ops.size());
        for (OutboxEntry op : ops) {
            SyncedTable table = op.table();
            Map<String, Object> after = op.rowAfter();
            Map<String, Long> versions = new TreeMap<>();
            op.changedFields().forEach(f -> versions.put(f, op.hlc()));
            List<Field<?>> columns = bareColumns(table);
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                Field<?> f = columns.get(i);
                Object v;
                if (f == table.ID) v = op.rowId();
                else if (f == table.CLINIC_ID) v = op.clinicId();
                else if (f == table.UPDATED_AT) v = op.hlc();
                else if (f == table.UPDATED_BY) v = device;
                else if (f == table.DELETED) v = Boolean.TRUE.equals(after.get("deleted"));
                else if (f == table.FIELD_VERSIONS) v = CanonicalJson.write(versions);
                else v = after.get(f.getName());
                values[i] = v instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : v;
            }
            rows.add(new BareRow(table, values));
        }
        return rows;
    }

    /** The same rows, raw JDBC addBatch/executeBatch into bare tables (LIKE the real ones: no index, no trigger). */
    private Map<String, Object> rawPush(List<BareRow> rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverDbUrl)) {
            Map<SyncedTable, PreparedStatement> inserts = new LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                for (SyncedTable t : Schema.SYNCED_TABLES) {
                    s.execute("CREATE TABLE bare_" + t.name() + " (LIKE " + t.name() + ")");
                    List<Field<?>> cols = bareColumns(t);
                    inserts.put(t, c.prepareStatement("INSERT INTO bare_" + t.name() + " ("
                            + String.join(", ", cols.stream().map(Field::getName).toList()) + ") VALUES ("
                            + String.join(", ", cols.stream().map(f -> "?").toList()) + ")"));
                }
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            int n = 0;
            for (BareRow row : rows) {
                PreparedStatement ps = inserts.get(row.table());
                for (int i = 0; i < row.values().length; i++) {
                    ps.setObject(i + 1, row.values()[i]);
                }
                ps.addBatch();
                if (++n % settings.batchSize() == 0) {
                    for (PreparedStatement p : inserts.values()) {
                        p.executeBatch();
                    }
                    c.commit();
                }
            }
            for (PreparedStatement p : inserts.values()) {
                p.executeBatch();
            }
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (PreparedStatement p : inserts.values()) {
                p.close();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "the same rows (typed in advance), pgjdbc addBatch/executeBatch into bare tables "
                    + "CREATE TABLE .. (LIKE ..) (no index, no trigger), one transaction per " + settings.batchSize()
                    + " rows");
            m.put("rows", n);
            m.put("seconds", round(seconds, 3));
            m.put("rows_per_s", round(n / seconds, 0));
            return m;
        }
    }

    // ---- 2. bootstrap -----------------------------------------------------------------------------------

    private Map<String, Object> bootstrapSection() throws SQLException {
        UUID clinicId;
        try (Prontivus seedDesk = openDesktop("bootstrap-seed", 1, 1)) {
            initClinic(seedDesk, "Clínica Grande", "seed-desktop");
            syncOk(seedDesk.syncEngine().orElseThrow());
            clinicId = seedDesk.identity().orElseThrow().clinicId();
            progress.accept("  seeding " + settings.bootstrapRows() + " patients with COPY");
            Map<String, Object> seed = seed(clinicId, seedDesk.identity().orElseThrow().deviceId());

            progress.accept("  baseline: COPY out, and a raw PostgreSQL -> SQLite pipeline");
            Map<String, Object> copyOut = copyOut(clinicId);
            Map<String, Object> pipeline = rawPipeline(clinicId);

            progress.accept("  new desktop: join + first sync");
            Map<String, Object> m = new LinkedHashMap<>();
            try (Prontivus joiner = openDesktop("bootstrap-join", 1, 1)) {
                long t0 = System.nanoTime();
                joiner.join(clinicId, "new-desktop");
                CountingDatabase server = counting(joiner);
                SyncEngine engine = engine(joiner, server);
                AtomicLong lastReport = new AtomicLong(System.nanoTime());
                engine.observer(new SyncObserver() {
                    @Override
                    public void pulled(int rows, long cursor) {
                        long now = System.nanoTime();
                        if (now - lastReport.get() > 10_000_000_000L) {
                            lastReport.set(now);
                            progress.accept("  ... " + rows + " rows pulled");
                        }
                    }
                });
                SyncEngine.Report r = syncOk(engine);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long local = joiner.local().read(dsl -> (long) dsl.fetchCount(Schema.PATIENTS.table()));
                long terms = joiner.local().read(dsl -> (long) dsl.fetchCount(Schema.PatientSearchTerms.TABLE));
                m.put("what", "Prontivus.join + SyncEngine.syncNow on a new desktop: pull in chunks of "
                        + settings.pullChunk() + " rows per table, one SQLite transaction per chunk (WAL, "
                        + "synchronous=FULL), patient search terms rebuilt by the pull hook");
                m.put("rows", r.pulled());
                m.put("local_patients", local);
                m.put("local_search_terms", terms);
                m.put("seconds", round(seconds, 3));
                m.put("rows_per_s", round(r.pulled() / seconds, 0));
                m.put("server_statements", server.statements());
                m.put("bulk_phases_ms", engine.lastBulkTimings()); // diagnostic; empty when the bulk form did not run
                if (Boolean.getBoolean("prontivus.bench.profile")) {
                    m.put("server_profile", server.profile());
                }
                m.put("seed", seed);
                Map<String, Object> base = new LinkedHashMap<>();
                base.put("copy_out", copyOut);
                base.put("pg_to_sqlite", pipeline);
                m.put("baseline", base);
                m.put("ratio_to_pipeline", round((r.pulled() / seconds) / (double) pipeline.get("rows_per_s"), 3));
                m.put("target", "rows/s >= " + (long) TARGET_BOOTSTRAP_ROWS_PER_S);
                m.put("pass", local == settings.bootstrapRows() && r.pulled() / seconds >= TARGET_BOOTSTRAP_ROWS_PER_S);
            }
            return m;
        }
    }

    private static final String PATIENT_COLUMNS = "id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, "
            + "email, address, notes, search_name, row_version, updated_at, updated_by, deleted, field_versions";

    /**
     * Generated patients straight into the server with COPY, with valid sync columns: versions above
     * the clinic's counter (the version trigger is off while COPY runs, the counter is moved once at
     * the end, all in one transaction), HLC times, field versions for every field set.
     */
    private Map<String, Object> seed(UUID clinicId, UUID device) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(serverDbUrl)) {
            c.setAutoCommit(false);
            long base;
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE patients DISABLE TRIGGER patients_row_version");
                try (ResultSet rs = s.executeQuery("SELECT last_version FROM clinic_version WHERE clinic_id = '"
                        + clinicId + "' FOR UPDATE")) {
                    rs.next();
                    base = rs.getLong(1);
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CopyIn in = copy.copyIn("COPY patients (" + PATIENT_COLUMNS + ") FROM STDIN");
            long hlc = System.currentTimeMillis() << 16;
            StringBuilder sb = new StringBuilder(1 << 20);
            for (int i = 0; i < settings.bootstrapRows(); i++) {
                var p = generator.person(nextPerson++);
                String phone = p.phone() == null ? null : p.phone().replaceAll("[^0-9]", "");
                String cpf = p.cpf() == null ? null : p.cpf().replaceAll("[^0-9]", "");
                TreeMap<String, Long> fv = new TreeMap<>();
                for (String f : new String[] {"full_name", "social_name", "cpf", "birth_date", "sex", "phone", "email",
                        "search_name"}) {
                    fv.put(f, hlc + i);
                }
                sb.append(br.com.prontivus.store.Ids.newId()).append('\t').append(clinicId).append('\t');
                field(sb, p.fullName());
                field(sb, p.socialName());
                field(sb, cpf);
                field(sb, p.birthDate() == null ? null : p.birthDate().toString());
                field(sb, p.sex());
                field(sb, phone);
                field(sb, p.email());
                field(sb, null);
                field(sb, null);
                field(sb, SearchText.fold(p.fullName()));
                sb.append(base + 1 + i).append('\t').append(hlc + i).append('\t').append(device).append('\t')
                        .append("f\t").append(CanonicalJson.write(fv)).append('\n');
                if (sb.length() > (1 << 20) - 4096) {
                    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    sb.setLength(0);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE clinic_version SET last_version = " + (base + settings.bootstrapRows())
                        + " WHERE clinic_id = '" + clinicId + "'");
                s.execute("ALTER TABLE patients ENABLE TRIGGER patients_row_version");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE patients");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "generated patients (PatientGenerator) COPY'd into the server, versions assigned in bulk");
        m.put("rows", settings.bootstrapRows());
        m.put("seconds", round((System.nanoTime() - t0) / 1e9, 3));
        return m;
    }

    private static void field(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("\\N");
        } else {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
        }
        sb.append('\t');
    }

    private Map<String, Object> copyOut(UUID clinicId) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverDbUrl)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CountingOutput out = new CountingOutput();
            long t0 = System.nanoTime();
            long rows;
            try {
                rows = copy.copyOut("COPY (SELECT " + PATIENT_COLUMNS + " FROM patients WHERE clinic_id = '" + clinicId
                        + "' ORDER BY row_version) TO STDOUT", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "COPY (SELECT all columns of the clinic's patients ORDER BY row_version) TO STDOUT, "
                    + "bytes discarded");
            m.put("rows", rows);
            m.put("mib", round(out.bytes / (1024.0 * 1024), 1));
            m.put("seconds", round(seconds, 3));
            m.put("rows_per_s", round(rows / seconds, 0));
            return m;
        }
    }

    private static final class CountingOutput extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * The floor of a bootstrap with these two databases: a streamed JDBC SELECT of the same rows
     * (fetch size = pull chunk) written by a raw batched INSERT into a bare SQLite table (same
     * columns, no index), one transaction per chunk, WAL + synchronous=FULL.
     */
    private Map<String, Object> rawPipeline(UUID clinicId) throws SQLException {
        Path file = dir.resolve("baseline-bootstrap.db");
        int cols = PATIENT_COLUMNS.split(",").length;
        long rows = 0;
        long sqliteNanos = 0;
        long t0 = System.nanoTime();
        try (Connection pg = DriverManager.getConnection(serverDbUrl);
             Connection lite = LocalBenchmark.bareConnection(file)) {
            try (Statement s = lite.createStatement()) {
                s.execute("CREATE TABLE bare_patients (id TEXT PRIMARY KEY, clinic_id TEXT, full_name TEXT, "
                        + "social_name TEXT, cpf TEXT, birth_date TEXT, sex TEXT, phone TEXT, email TEXT, address TEXT, "
                        + "notes TEXT, search_name TEXT, row_version INTEGER, updated_at INTEGER, updated_by TEXT, "
                        + "deleted INTEGER, field_versions TEXT)");
            }
            lite.setAutoCommit(false);
            pg.setAutoCommit(false);
            try (PreparedStatement select = pg.prepareStatement("SELECT " + PATIENT_COLUMNS
                    + " FROM patients WHERE clinic_id = ? ORDER BY row_version");
                 PreparedStatement insert = lite.prepareStatement("INSERT INTO bare_patients VALUES ("
                         + String.join(", ", java.util.Collections.nCopies(cols, "?")) + ")")) {
                select.setFetchSize(settings.pullChunk());
                select.setObject(1, clinicId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long s0 = System.nanoTime();
                        for (int i = 1; i <= cols; i++) {
                            Object v = rs.getObject(i);
                            if (v instanceof UUID u) {
                                v = u.toString();
                            } else if (v instanceof java.sql.Date d) {
                                v = d.toString();
                            } else if (v instanceof Boolean b) {
                                v = b ? 1 : 0;
                            }
                            insert.setObject(i, v);
                        }
                        insert.addBatch();
                        if (++rows % settings.pullChunk() == 0) {
                            insert.executeBatch();
                            lite.commit();
                        }
                        sqliteNanos += System.nanoTime() - s0;
                    }
                }
                long s0 = System.nanoTime();
                insert.executeBatch();
                lite.commit();
                sqliteNanos += System.nanoTime() - s0;
            }
            pg.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "streamed JDBC SELECT of the same rows (fetch size " + settings.pullChunk() + ") -> raw batched "
                + "INSERT into a bare SQLite table (primary key only), one transaction per " + settings.pullChunk()
                + " rows, WAL + synchronous=FULL");
        m.put("rows", rows);
        m.put("seconds", round(seconds, 3));
        m.put("rows_per_s", round(rows / seconds, 0));
        m.put("sqlite_seconds", round(sqliteNanos / 1e9, 3));
        m.put("sqlite_rows_per_s", round(rows / (sqliteNanos / 1e9), 0));
        return m;
    }

    // ---- 3 + 4. propagation latency, idle cycle ---------------------------------------------------------

    private Map<String, Object> latencyAndIdleSections() throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Prontivus a = openDesktop("latency-a", 1, 1); Prontivus b = openDesktop("latency-b", 1, 1)) {
            initClinic(a, "Clínica Rápida", "desktop-a");
            SyncEngine engineA = a.syncEngine().orElseThrow();
            syncOk(engineA);
            UUID clinicId = a.identity().orElseThrow().clinicId();
            b.join(clinicId, "desktop-b");
            CountingDatabase serverB = counting(b);
            SyncEngine engineB = engine(b, serverB);
            syncOk(engineB);
            syncOk(engineA); // A sees B's enrolment: both idle from here on

            Map<UUID, Long> committed = new ConcurrentHashMap<>();
            Map<UUID, Long> visible = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong wakeUps = new AtomicLong();
            AtomicLong listenerErrors = new AtomicLong();
            CountDownLatch listening = new CountDownLatch(1);
            Thread listener = Thread.ofPlatform().name("bench-listener-b").start(() -> {
                try (Connection c = DriverManager.getConnection(serverDbUrl)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + ChangeNotifications.channel(clinicId));
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    listening.countDown();
                    while (!stop.get()) {
                        PGNotification[] n = pg.getNotifications(200);
                        if (n == null || n.length == 0) {
                            continue;
                        }
                        wakeUps.incrementAndGet();
                        SyncEngine.Report r = engineB.syncNow();
                        if (!r.ok()) {
                            listenerErrors.incrementAndGet();
                        }
                        long now = System.nanoTime();
                        List<UUID> waiting = committed.keySet().stream().filter(id -> !visible.containsKey(id)).toList();
                        if (!waiting.isEmpty()) {
                            b.local().read(dsl -> dsl.select(Schema.PATIENTS.ID).from(Schema.PATIENTS.table())
                                    .where(Schema.PATIENTS.ID.in(waiting)).fetch(Schema.PATIENTS.ID))
                                    .forEach(id -> visible.putIfAbsent(id, now));
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    listenerErrors.incrementAndGet();
                    listening.countDown();
                }
            });
            try {
                listening.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            SplittableRandom random = new SplittableRandom(settings.seed() + 7);
            long[] pushNanos = new long[settings.latencyChanges()];
            List<PatientDraft> drafts = drafts(settings.latencyChanges());
            for (int i = 0; i < drafts.size(); i++) {
                var p = a.services().patients().register(actor, drafts.get(i));
                long t = System.nanoTime();
                committed.put(p.id(), t);
                syncOk(engineA); // A pushes right after its commit, as the desktop does after a local write
                pushNanos[i] = System.nanoTime() - t;
                sleepMillis(40 + random.nextInt(40)); // reception pace, compressed
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (visible.size() < committed.size() && System.nanoTime() < deadline) {
                sleepMillis(20);
            }
            stop.set(true);
            try {
                listener.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long[] nanos = committed.entrySet().stream().filter(e -> visible.containsKey(e.getKey()))
                    .mapToLong(e -> visible.get(e.getKey()) - e.getValue()).toArray();
            Latencies l = Latencies.of(nanos);
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("what", "register on A (commit) -> A syncNow (push) -> NOTIFY -> B's LISTEN connection wakes -> B "
                    + "syncNow (pull) -> row visible in B's SQLite; one change every 40-80 ms");
            lat.put("changes", committed.size());
            lat.put("seen_on_b", nanos.length);
            lat.put("latency", l.toMap());
            lat.put("a_commit_to_pushed", Latencies.of(pushNanos).toMap());
            lat.put("b_wake_ups", wakeUps.get());
            lat.put("listener_errors", listenerErrors.get());
            lat.put("target", "p95 < " + (long) TARGET_LATENCY_P95_MS + " ms");
            lat.put("pass", nanos.length == committed.size() && listenerErrors.get() == 0
                    && l.p95Ms() < TARGET_LATENCY_P95_MS);
            out.put("latency", lat);

            // 4. idle cycles on B: nothing queued, nothing new on the server
            syncOk(engineB);
            for (int i = 0; i < 5; i++) {
                syncOk(engineB); // warm-up
            }
            long[] idleNanos = new long[settings.idleCycles()];
            long maxStatements = 0;
            long maxTransactions = 0;
            long sumStatements = 0;
            for (int i = 0; i < idleNanos.length; i++) {
                long s0 = serverB.statements();
                long x0 = serverB.transactions();
                long t0 = System.nanoTime();
                SyncEngine.Report r = syncOk(engineB);
                idleNanos[i] = System.nanoTime() - t0;
                if (r.pushed() != 0 || r.pulled() != 0) {
                    throw new IllegalStateException("idle cycle was not idle: " + r);
                }
                long ds = serverB.statements() - s0;
                maxStatements = Math.max(maxStatements, ds);
                sumStatements += ds;
                maxTransactions = Math.max(maxTransactions, serverB.transactions() - x0);
            }
            Latencies il = Latencies.of(idleNanos);
            Map<String, Object> idle = new LinkedHashMap<>();
            idle.put("what", "SyncEngine.syncNow with an empty outbox and nothing new on the server; statements "
                    + "counted by a jOOQ ExecuteListener on the engine's server handle, transactions = pool checkouts");
            idle.put("cycles", idleNanos.length);
            idle.put("server_statements_max", maxStatements);
            idle.put("server_statements_mean", round((double) sumStatements / Math.max(1, idleNanos.length), 2));
            idle.put("server_transactions_max", maxTransactions);
            idle.put("latency", il.toMap());
            idle.put("target", "<= " + TARGET_IDLE_STATEMENTS + " statements, < " + (long) TARGET_IDLE_MS + " ms (p95)");
            idle.put("pass", maxStatements <= TARGET_IDLE_STATEMENTS && il.p95Ms() < TARGET_IDLE_MS);
            out.put("idle", idle);
        }
        return out;
    }

    // ---- 5. many desktops -------------------------------------------------------------------------------

    private Map<String, Object> manyDesktopsSection() throws SQLException {
        int clinics = clinicsUsed();
        int perOps = Math.max(2, settings.opsPerDesktop());
        int patientsEach = perOps / 2;
        List<Prontivus> apps = new ArrayList<>();
        List<SyncEngine> engines = new ArrayList<>();
        List<Integer> clinicOf = new ArrayList<>();
        List<UUID> clinicIds = new ArrayList<>();
        try {
            progress.accept("  opening " + settings.desktops() + " desktops (pool of 1 server connection each)");
            for (int d = 0; d < settings.desktops(); d++) {
                int k = d % clinics;
                Prontivus app = openDesktop("many-" + d, 1, 0);
                apps.add(app);
                clinicOf.add(k);
                if (d < clinics) {
                    initClinic(app, "Clínica " + (k + 1), "desk-" + d);
                    clinicIds.add(app.identity().orElseThrow().clinicId());
                } else {
                    app.join(clinicIds.get(k), "desk-" + d);
                }
                SyncEngine engine = engine(app, app.server().orElseThrow());
                engines.add(engine);
                syncOk(engine);
            }
            long[] before = new long[clinics];
            for (int k = 0; k < clinics; k++) {
                before[k] = serverCount("patients", clinicIds.get(k));
            }
            progress.accept("  queueing " + patientsEach + " patients (+ audit rows) on each desktop");
            int queued = 0;
            for (Prontivus app : apps) {
                register(app, patientsEach);
            }
            for (SyncEngine e : engines) {
                queued += pending(e);
            }
            long deadlocks0 = deadlocks();
            CyclicBarrier start = new CyclicBarrier(apps.size() + 1);
            List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong pushed = new AtomicLong();
            AtomicLong lastAck = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int d = 0; d < engines.size(); d++) {
                SyncEngine engine = engines.get(d);
                int index = d;
                engine.observer(new SyncObserver() {
                    @Override
                    public void pushed(int applied, int parked) {
                        lastAck.accumulateAndGet(System.nanoTime(), Math::max);
                        if (parked > 0) {
                            errors.add("desktop " + index + ": " + parked + " ops parked");
                        }
                    }
                });
                threads.add(Thread.ofPlatform().name("bench-desktop-" + d).start(() -> {
                    try {
                        start.await();
                        SyncEngine.Report r = engine.syncNow();
                        pushed.addAndGet(r.pushed());
                        if (!r.ok()) {
                            errors.add("desktop " + index + ": " + r.error());
                        }
                    } catch (Exception e) {
                        errors.add("desktop " + index + ": " + e);
                    }
                }));
            }
            long t0;
            try {
                start.await();
                t0 = System.nanoTime();
                for (Thread t : threads) {
                    t.join();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long t1 = System.nanoTime();
            long deadlocks = deadlocks() - deadlocks0;

            // Convergence: every desktop syncs once more, then server and every SQLite agree per clinic.
            for (SyncEngine e : engines) {
                e.observer(null);
                syncOk(e);
            }
            List<String> divergence = new ArrayList<>();
            List<Map<String, Object>> perClinic = new ArrayList<>();
            for (int k = 0; k < clinics; k++) {
                UUID clinicId = clinicIds.get(k);
                long server = serverCount("patients", clinicId);
                long applied = serverCount("applied_ops", clinicId);
                long acknowledged = 0;
                int desktopsOfClinic = 0;
                for (int d = 0; d < apps.size(); d++) {
                    if (clinicOf.get(d) != k) {
                        continue;
                    }
                    desktopsOfClinic++;
                    Map<String, Integer> counts = engines.get(d).queue().counts();
                    acknowledged += counts.getOrDefault("acknowledged", 0);
                    if (counts.getOrDefault("pending", 0) + counts.getOrDefault("parked", 0) > 0) {
                        divergence.add("desktop " + d + " still has queued ops " + counts);
                    }
                    long local = apps.get(d).local().read(dsl -> (long) dsl.fetchCount(Schema.PATIENTS.table(),
                            Schema.PATIENTS.CLINIC_ID.eq(clinicId)));
                    if (local != server) {
                        divergence.add("desktop " + d + " has " + local + " patients, server " + server);
                    }
                }
                long expected = before[k] + (long) desktopsOfClinic * patientsEach;
                if (server != expected) {
                    divergence.add("clinic " + (k + 1) + ": server has " + server + " patients, expected " + expected);
                }
                if (applied != acknowledged) {
                    divergence.add("clinic " + (k + 1) + ": server applied " + applied + " ops, desktops acknowledged "
                            + acknowledged);
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("desktops", desktopsOfClinic);
                c.put("server_patients", server);
                c.put("server_applied_ops", applied);
                c.put("desktops_acknowledged_ops", acknowledged);
                perClinic.add(c);
            }
            double pushSeconds = (lastAck.get() - t0) / 1e9;
            double seconds = (t1 - t0) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", settings.desktops() + " desktops (own SQLite file, server pool of 1 connection) over " + clinics
                    + " clinics, " + perOps + " queued ops each (" + patientsEach + " patients + audit rows), all "
                    + "start syncNow at one barrier; push time = barrier to last acknowledgement, cycle time includes "
                    + "each desktop's pull of the others' rows");
            m.put("desktops", settings.desktops());
            m.put("clinics", clinics);
            m.put("queued_ops", queued);
            m.put("pushed_ops", pushed.get());
            m.put("push_seconds", round(pushSeconds, 3));
            m.put("ops_per_s", round(pushed.get() / pushSeconds, 0));
            m.put("cycle_seconds", round(seconds, 3));
            m.put("errors", errors);
            m.put("deadlocks", deadlocks);
            m.put("per_clinic", perClinic);
            m.put("divergence", divergence);
            m.put("converged", divergence.isEmpty());
            m.put("target", "no error, no deadlock, converged");
            m.put("pass", errors.isEmpty() && deadlocks == 0 && divergence.isEmpty() && pushed.get() == queued);
            return m;
        } finally {
            for (Prontivus app : apps) {
                try {
                    app.close();
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
        }
    }

    private long serverCount(String table, UUID clinicId) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverDbUrl);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE clinic_id = ?")) {
            s.setObject(1, clinicId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long deadlocks() throws SQLException {
        return Long.parseLong(scalar("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"));
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverDbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    private static void execAdmin(String adminUrl, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl.replaceAll("password=[^&]*", "password=***")
                    + " refused `" + sql + "`: " + e.getMessage(), e);
        }
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--server-url must be a jdbc:postgresql:// URL");
        }
        int hostStart = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        if (slash < 0 || (query >= 0 && query < slash)) {
            String hostPort = query >= 0 ? jdbcUrl.substring(hostStart, query) : jdbcUrl.substring(hostStart);
            return "jdbc:postgresql://" + hostPort + "/" + database + (query >= 0 ? jdbcUrl.substring(query) : "");
        }
        String suffix = query >= 0 ? jdbcUrl.substring(query) : "";
        return jdbcUrl.substring(0, slash + 1) + database + suffix;
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean passed(Object section) {
        return section instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("pass"));
    }

    private static double round(double value, int decimals) {
        return LocalBenchmark.round(value, decimals);
    }

    // ---- text -------------------------------------------------------------------------------------------

    static String toText(Map<String, Object> data) {
        StringBuilder out = new StringBuilder();
        out.append("Prontivus sync benchmark — ").append(data.get("date")).append('\n');
        ((Map<?, ?>) data.get("machine")).forEach((k, v) -> out.append(String.format("  %-17s %s%n", k, v)));
        out.append(String.format("  %-17s %s%n", "load before", data.get("load_average_before")));
        out.append(String.format("  %-17s %s%n", "load after", data.get("load_average_after")));
        out.append(String.format("  %-17s %s%n", "settings", data.get("settings")));
        out.append(String.format("  %-17s %s%n", "server", data.get("server")));

        Map<?, ?> push = (Map<?, ?>) data.get("push");
        Map<?, ?> raw = (Map<?, ?>) push.get("baseline");
        out.append("\n1. Push (").append(push.get("ops")).append(" queued ops, batches of ").append(push.get("batch_size"))
                .append(")\n");
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f ops/s   (%s ops in %.3f s; %s server statements in %s "
                        + "transactions)%n", "push", (Double) push.get("ops_per_s"), push.get("pushed"),
                (Double) push.get("push_seconds"), push.get("server_statements"), push.get("server_transactions")));
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f rows/s  (%s rows in %.3f s)%n", "raw JDBC batch",
                (Double) raw.get("rows_per_s"), raw.get("rows"), (Double) raw.get("seconds")));
        out.append(String.format(Locale.ROOT, "  echo pull of own rows: %s rows in %.3f s (whole cycle %.3f s)%n",
                push.get("echo_pull_rows"), (Double) push.get("echo_pull_seconds"), (Double) push.get("cycle_seconds")));
        out.append(String.format("  ratio push / raw: %s; target %s: %s%n", push.get("ratio_to_baseline"),
                push.get("target"), verdict(push)));

        Map<?, ?> boot = (Map<?, ?>) data.get("bootstrap");
        Map<?, ?> base = (Map<?, ?>) boot.get("baseline");
        Map<?, ?> copy = (Map<?, ?>) base.get("copy_out");
        Map<?, ?> pipe = (Map<?, ?>) base.get("pg_to_sqlite");
        out.append("\n2. Bootstrap of a new desktop (").append(((Map<?, ?>) boot.get("seed")).get("rows"))
                .append(" patients on the server, seeded with COPY in ")
                .append(((Map<?, ?>) boot.get("seed")).get("seconds")).append(" s)\n");
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f rows/s  (%s rows in %.3f s; %s patients, %s search "
                        + "terms locally; %s server statements)%n", "join + sync", (Double) boot.get("rows_per_s"),
                boot.get("rows"), (Double) boot.get("seconds"), boot.get("local_patients"),
                boot.get("local_search_terms"), boot.get("server_statements")));
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f rows/s  (%s rows, %s MiB in %.3f s)%n", "COPY out",
                (Double) copy.get("rows_per_s"), copy.get("rows"), copy.get("mib"), (Double) copy.get("seconds")));
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f rows/s  (%s rows in %.3f s; SQLite side alone %,.0f "
                        + "rows/s)%n", "raw PG->SQLite", (Double) pipe.get("rows_per_s"), pipe.get("rows"),
                (Double) pipe.get("seconds"), (Double) pipe.get("sqlite_rows_per_s")));
        out.append(String.format("  ratio to the raw pipeline: %s; target %s: %s%n", boot.get("ratio_to_pipeline"),
                boot.get("target"), verdict(boot)));

        Map<?, ?> lat = (Map<?, ?>) data.get("latency");
        out.append("\n3. Propagation A -> B (LISTEN/NOTIFY wakes B; ").append(lat.get("changes")).append(" changes, ")
                .append(lat.get("seen_on_b")).append(" seen on B, ").append(lat.get("b_wake_ups"))
                .append(" wake-ups)\n");
        out.append(latencyLine("commit -> on B", (Map<?, ?>) lat.get("latency")));
        out.append(latencyLine("A's push", (Map<?, ?>) lat.get("a_commit_to_pushed")));
        out.append(String.format("  target %s: %s%n", lat.get("target"), verdict(lat)));

        Map<?, ?> idle = (Map<?, ?>) data.get("idle");
        out.append("\n4. Idle sync cycle (").append(idle.get("cycles")).append(" cycles)\n");
        out.append(String.format("  server statements per cycle: max %s, mean %s; transactions max %s%n",
                idle.get("server_statements_max"), idle.get("server_statements_mean"),
                idle.get("server_transactions_max")));
        out.append(latencyLine("cycle", (Map<?, ?>) idle.get("latency")));
        out.append(String.format("  target %s: %s%n", idle.get("target"), verdict(idle)));

        Map<?, ?> many = (Map<?, ?>) data.get("many_desktops");
        out.append("\n5. ").append(many.get("desktops")).append(" desktops over ").append(many.get("clinics"))
                .append(" clinics pushing at once\n");
        out.append(String.format(Locale.ROOT, "  %-16s %,10.0f ops/s   (%s of %s queued ops in %.3f s; whole cycles "
                        + "incl. pulls %.3f s)%n", "push", (Double) many.get("ops_per_s"), many.get("pushed_ops"),
                many.get("queued_ops"), (Double) many.get("push_seconds"), (Double) many.get("cycle_seconds")));
        out.append(String.format("  errors %s, deadlocks %s, converged %s%n", ((List<?>) many.get("errors")).size(),
                many.get("deadlocks"), many.get("converged")));
        ((List<?>) many.get("errors")).stream().limit(5).forEach(e -> out.append("    ").append(e).append('\n'));
        ((List<?>) many.get("divergence")).stream().limit(5).forEach(e -> out.append("    ").append(e).append('\n'));
        out.append(String.format("  target %s: %s%n", many.get("target"), verdict(many)));
        out.append("\nOverall: ").append(Boolean.TRUE.equals(data.get("pass")) ? "PASS" : "FAIL").append('\n');
        return out.toString();
    }

    private static String latencyLine(String label, Map<?, ?> l) {
        return String.format(Locale.ROOT, "  %-16s p50 %8.1f  p95 %8.1f  p99 %8.1f  max %8.1f ms  (n=%s)%n", label,
                (Double) l.get("p50_ms"), (Double) l.get("p95_ms"), (Double) l.get("p99_ms"), (Double) l.get("max_ms"),
                l.get("count"));
    }

    private static String verdict(Map<?, ?> section) {
        return Boolean.TRUE.equals(section.get("pass")) ? "PASS" : "FAIL";
    }
}
