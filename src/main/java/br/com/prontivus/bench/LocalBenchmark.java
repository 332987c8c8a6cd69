package br.com.prontivus.bench;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.PasswordHasher;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * {@code prontivus bench local}: the local write and search paths measured on a throw-away data
 * directory, each beside a bare-SQLite baseline run in the same process on the same disk.
 *
 * <ol>
 *   <li>CSV import of generated patients through {@link PatientService#registerBatch} (validation,
 *       outbox, audit, search terms; one transaction per batch) vs a raw JDBC batch insert of the same
 *       file into a bare table.</li>
 *   <li>One registration ({@link PatientService#register}, WAL + synchronous=FULL as shipped) vs a bare
 *       single-row insert + commit with the same settings. Runs after the import, so the indexes are
 *       as deep as in a clinic that has {@code patients} patients.</li>
 *   <li>Search by name prefix and CPF prefix over all of them.</li>
 * </ol>
 */
public final class LocalBenchmark {

    public static final double TARGET_REGISTRATION_P99_MS = 1.0;
    public static final double TARGET_IMPORT_ROWS_PER_S = 30_000;
    public static final double TARGET_SEARCH_P95_MS = 10.0;
    static final String[] CSV_HEADER = {"full_name", "social_name", "cpf", "birth_date", "sex", "phone", "email"};

    /** Sizes of the run; {@link #defaults()} is what the figures in docs/PERFORMANCE.md use. */
    public record Settings(int patients, int registrations, int warmup, int queriesPerKind, int batchSize,
                           int searchLimit, long seed) {
        public static Settings defaults() {
            return new Settings(100_000, 2_000, 500, 300, 1_000, 50, 20_261_125L);
        }

        public Settings withPatients(int n) {
            return new Settings(n, registrations, warmup, queriesPerKind, batchSize, searchLimit, seed);
        }

        public Settings withRegistrations(int n) {
            return new Settings(patients, n, warmup, queriesPerKind, batchSize, searchLimit, seed);
        }

        public Settings withWarmup(int n) {
            return new Settings(patients, registrations, n, queriesPerKind, batchSize, searchLimit, seed);
        }

        public Settings withQueriesPerKind(int n) {
            return new Settings(patients, registrations, warmup, n, batchSize, searchLimit, seed);
        }

        public Settings withBatchSize(int n) {
            return new Settings(patients, registrations, warmup, queriesPerKind, n, searchLimit, seed);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("patients", patients);
            m.put("registrations", registrations);
            m.put("warmup", warmup);
            m.put("queries_per_kind", queriesPerKind);
            m.put("batch_size", batchSize);
            m.put("search_limit", searchLimit);
            m.put("seed", seed);
            return m;
        }
    }

    private final Path dir;
    private final Settings settings;
    private final Consumer<String> progress;
    private final PatientGenerator generator;
    private final Actor actor = Actor.system("bench");

    private LocalBenchmark(Path dir, Settings settings, Consumer<String> progress) {
        this.dir = dir;
        this.settings = settings;
        this.progress = progress;
        this.generator = new PatientGenerator(settings.seed());
    }

    /**
     * Runs every section in {@code dir} (which must be empty or absent; the caller owns and deletes it).
     * {@code progress} receives one line per step, for a human watching.
     */
    public static BenchReport run(Path dir, Settings settings, Consumer<String> progress) {
        try {
            Files.createDirectories(dir);
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("The benchmark directory " + dir + " is not empty");
                }
            }
            return new LocalBenchmark(dir, settings, progress).runAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Baseline database failed: " + e.getMessage(), e);
        }
    }

    private BenchReport runAll() throws IOException, SQLException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("machine", MachineInfo.collect(dir));
        report.put("settings", settings.toMap());
        report.put("data_directory", dir.toString());

        Path csv = dir.resolve("patients.csv");
        progress.accept("generating " + settings.patients() + " patients into " + csv);
        writeCsv(csv, 0, settings.patients());

        // SQLITE_URL and USE_SQLITE at their defaults: offline mode, the shipped WAL + synchronous=FULL store.
        try (Prontivus app = Prontivus.open(ConfigLoader.forDataDirectory(dir.resolve("data")),
                new Prontivus.Options(Clock.systemUTC(), ZoneId.systemDefault(), new PasswordHasher(10_000), "bench",
                        true))) {
            app.init("Clínica Benchmark", "admin", "Administrador", "bench-password".toCharArray(), "bench-desktop");
            PatientService patients = app.services().patients();

            progress.accept("import: " + settings.patients() + " rows through registerBatch");
            Map<String, Object> imp = importSection(patients, csv);
            progress.accept("import baseline: raw JDBC batch insert");
            Map<String, Object> rawImport = rawImport(csv);
            double ratio = (double) imp.get("rows_per_s") / (double) rawImport.get("rows_per_s");
            imp.put("baseline", rawImport);
            imp.put("ratio_to_baseline", round(ratio, 3));

            progress.accept("registration: " + settings.warmup() + " warm-up + " + settings.registrations() + " timed");
            Map<String, Object> reg = registrationSection(patients);
            progress.accept("registration baseline: bare single-row commit");
            Map<String, Object> bare = bareCommits();
            reg.put("baseline", bare);
            reg.put("p99_ratio_to_baseline", round((double) ((Map<?, ?>) reg.get("latency")).get("p99_ms")
                    / (double) ((Map<?, ?>) bare.get("latency")).get("p99_ms"), 2));

            progress.accept("search: " + settings.queriesPerKind() + " queries per kind over " + patients.count()
                    + " patients");
            Map<String, Object> search = searchSection(patients);

            report.put("registration", reg);
            report.put("import", imp);
            report.put("search", search);
        }
        boolean pass = passed(report.get("registration")) && passed(report.get("import"))
                && passed(report.get("search"));
        report.put("pass", pass);
        return new BenchReport(report);
    }

    // ---- 1. registration --------------------------------------------------------------------------------

    private Map<String, Object> registrationSection(PatientService patients) {
        long first = settings.patients(); // indexes after the imported ones: fresh CPFs
        for (int i = 0; i < settings.warmup(); i++) {
            patients.register(actor, generator.person(first + i).draft());
        }
        first += settings.warmup();
        PatientDraft[] drafts = new PatientDraft[settings.registrations()];
        for (int i = 0; i < drafts.length; i++) {
            drafts[i] = generator.person(first + i).draft();
        }
        long[] nanos = new long[drafts.length];
        long cpu0 = threadCpuNanos();
        for (int i = 0; i < drafts.length; i++) {
            long t0 = System.nanoTime();
            patients.register(actor, drafts[i]);
            nanos[i] = System.nanoTime() - t0;
        }
        long cpu = threadCpuNanos() - cpu0;
        Latencies latency = Latencies.of(nanos);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "PatientService.register: validation, CPF check, patient row, outbox, audit row + its outbox, "
                + "search terms (no read-back on SQLite); one transaction, WAL + synchronous=FULL");
        m.put("latency", latency.toMap());
        // Diagnostic only (not judged): CPU of the registering thread, which the machine's load barely
        // changes, unlike the wall-clock latencies; -1 when the JVM cannot measure it.
        m.put("thread_cpu_us_per_registration", cpu < 0 ? -1 : round(cpu / 1e3 / drafts.length, 1));
        m.put("target", "p99 <= " + TARGET_REGISTRATION_P99_MS + " ms");
        m.put("pass", latency.p99Ms() <= TARGET_REGISTRATION_P99_MS);
        return m;
    }

    private Map<String, Object> bareCommits() throws SQLException {
        try (Connection c = bareConnection(dir.resolve("baseline-commit.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            c.setAutoCommit(false);
            long[] nanos = new long[settings.registrations()];
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bare (payload) VALUES (?)")) {
                for (int i = -settings.warmup(); i < nanos.length; i++) {
                    long t0 = System.nanoTime();
                    insert.setString(1, "patient " + i);
                    insert.executeUpdate();
                    c.commit();
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - t0;
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "bare table, one-row INSERT + COMMIT, WAL + synchronous=FULL, prepared statement");
            m.put("latency", Latencies.of(nanos).toMap());
            return m;
        }
    }

    // ---- 2. import --------------------------------------------------------------------------------------

    private void writeCsv(Path file, long first, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.writeRow(out, CSV_HEADER);
            for (long i = first; i < first + count; i++) {
                var p = generator.person(i);
                Csv.writeRow(out, p.fullName(), p.socialName(), p.cpf(), p.birthDate().toString(), p.sex(), p.phone(),
                        p.email());
            }
        }
    }

    /** CPU time of the calling thread (the JDBC and SQLite work runs on it), or -1 if unsupported. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private Map<String, Object> importSection(PatientService patients, Path csv) throws IOException {
        int accepted = 0;
        int rejected = 0;
        int batches = 0;
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            Csv.readRow(in, CSV_HEADER.length);
            List<PatientDraft> batch = new ArrayList<>(settings.batchSize());
            String[] row;
            while (true) {
                row = Csv.readRow(in, CSV_HEADER.length);
                if (row != null) {
                    batch.add(new PatientDraft(row[0], row[1], row[2], row[3] == null ? null : LocalDate.parse(row[3]),
                            row[4], row[5], row[6], null, null));
                }
                if (batch.size() == settings.batchSize() || (row == null && !batch.isEmpty())) {
                    for (var result : patients.registerBatch(actor, batch)) {
                        if (result.registered()) {
                            accepted++;
                        } else {
                            rejected++;
                        }
                    }
                    batches++;
                    batch.clear();
                }
                if (row == null) {
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = threadCpuNanos() - cpu0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "CSV file -> PatientDraft -> PatientService.registerBatch (validation, CPF check, patient row, "
                + "outbox, audit + its outbox, search terms), one transaction per batch");
        m.put("rows", accepted + rejected);
        m.put("accepted", accepted);
        m.put("rejected", rejected);
        m.put("batches", batches);
        m.put("seconds", round(seconds, 3));
        m.put("rows_per_s", round(accepted / seconds, 0));
        // Diagnostic only (not judged): CPU of the importing thread per row (see registrationSection).
        m.put("thread_cpu_us_per_row", cpu < 0 || accepted == 0 ? -1 : round(cpu / 1e3 / accepted, 1));
        m.put("target", "rows/s >= " + (long) TARGET_IMPORT_ROWS_PER_S);
        m.put("pass", rejected == 0 && accepted / seconds >= TARGET_IMPORT_ROWS_PER_S);
        return m;
    }

    private Map<String, Object> rawImport(Path csv) throws IOException, SQLException {
        int rows = 0;
        long t0;
        double seconds;
        try (Connection c = bareConnection(dir.resolve("baseline-import.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bare_patients (full_name TEXT, social_name TEXT, cpf TEXT, birth_date TEXT, "
                        + "sex TEXT, phone TEXT, email TEXT)");
            }
            c.setAutoCommit(false);
            t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO bare_patients VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                Csv.readRow(in, CSV_HEADER.length);
                String[] row;
                while ((row = Csv.readRow(in, CSV_HEADER.length)) != null) {
                    for (int i = 0; i < CSV_HEADER.length; i++) {
                        insert.setString(i + 1, i < row.length ? row[i] : null);
                    }
                    insert.addBatch();
                    if (++rows % settings.batchSize() == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "same CSV file -> raw JDBC addBatch/executeBatch into a bare table (no indexes), "
                + "same batch size, WAL + synchronous=FULL");
        m.put("rows", rows);
        m.put("seconds", round(seconds, 3));
        m.put("rows_per_s", round(rows / seconds, 0));
        return m;
    }

    // ---- 3. search --------------------------------------------------------------------------------------

    private Map<String, Object> searchSection(PatientService patients) {
        SplittableRandom random = new SplittableRandom(settings.seed() + 3);
        Map<String, java.util.function.Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("name_prefix_1", () -> namePrefix(random, 1));
        kinds.put("name_prefix_2", () -> namePrefix(random, 2));
        kinds.put("name_prefix_3", () -> namePrefix(random, 3));
        kinds.put("name_two_words", () -> twoWords(random));
        kinds.put("cpf_prefix_3", () -> cpfPrefix(random, 3));
        kinds.put("cpf_prefix_4", () -> cpfPrefix(random, 4));
        kinds.put("cpf_prefix_5", () -> cpfPrefix(random, 5));
        kinds.put("cpf_prefix_6", () -> cpfPrefix(random, 6));

        Map<String, Object> byKind = new LinkedHashMap<>();
        List<long[]> nameSamples = new ArrayList<>();
        List<long[]> cpfSamples = new ArrayList<>();
        boolean pass = true;
        for (var kind : kinds.entrySet()) {
            for (int i = 0; i < Math.min(50, settings.queriesPerKind()); i++) {
                patients.search(kind.getValue().get(), settings.searchLimit()); // warm-up: JIT, page cache
            }
            long[] nanos = new long[settings.queriesPerKind()];
            long hits = 0;
            int empty = 0;
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < nanos.length; i++) {
                String q = kind.getValue().get();
                if (examples.size() < 4) {
                    examples.add(q);
                }
                long t0 = System.nanoTime();
                int found = patients.search(q, settings.searchLimit()).size();
                nanos[i] = System.nanoTime() - t0;
                hits += found;
                if (found == 0) {
                    empty++;
                }
            }
            Latencies l = Latencies.of(nanos);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("examples", examples);
            m.put("latency", l.toMap());
            m.put("mean_hits", round((double) hits / nanos.length, 1));
            m.put("queries_without_hits", empty);
            boolean ok = l.p95Ms() <= TARGET_SEARCH_P95_MS && empty == 0;
            m.put("pass", ok);
            pass &= ok;
            byKind.put(kind.getKey(), m);
            (kind.getKey().startsWith("cpf") ? cpfSamples : nameSamples).add(nanos);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "PatientService.search(query, limit " + settings.searchLimit() + "), one thread, queries drawn "
                + "from the generated names (random case, accents as typed) and CPFs");
        m.put("name", Latencies.of(concat(nameSamples)).toMap());
        m.put("cpf", Latencies.of(concat(cpfSamples)).toMap());
        m.put("by_kind", byKind);
        m.put("target", "p95 <= " + TARGET_SEARCH_P95_MS + " ms for every kind, every query finds its patient");
        m.put("pass", pass);
        return m;
    }

    private String namePrefix(SplittableRandom r, int length) {
        String word = randomWord(r, 1);
        return caseAsTyped(r, word.substring(0, Math.min(length, word.length())));
    }

    private String twoWords(SplittableRandom r) {
        var words = nameWords(generator.person(r.nextInt(settings.patients())).fullName());
        int a = r.nextInt(words.size() - 1);
        String second = words.get(a + 1);
        return caseAsTyped(r, words.get(a) + " " + second.substring(0, Math.min(second.length(), 2 + r.nextInt(3))));
    }

    private String cpfPrefix(SplittableRandom r, int length) {
        return generator.cpfDigits(r.nextInt(settings.patients())).substring(0, length);
    }

    /** A name word (not a particle) of a random imported patient. */
    private String randomWord(SplittableRandom r, int minLength) {
        var words = nameWords(generator.person(r.nextInt(settings.patients())).fullName());
        return words.get(r.nextInt(words.size()));
    }

    private static List<String> nameWords(String fullName) {
        List<String> words = new ArrayList<>();
        for (String w : fullName.split(" ")) {
            if (!PatientGenerator.PARTICLES.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** Reception types lower case, as written, or with caps lock on. */
    private static String caseAsTyped(SplittableRandom r, String text) {
        return switch (r.nextInt(3)) {
            case 0 -> text.toLowerCase(Locale.ROOT);
            case 1 -> text;
            default -> text.toUpperCase(Locale.ROOT);
        };
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A connection with the store's writer settings (WAL, synchronous=FULL), on a file of its own. */
    static Connection bareConnection(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static boolean passed(Object section) {
        return section instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("pass"));
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
