package br.com.prontivus.bench;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.PasswordHasher;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.monitor.JdbcConnector;
import br.com.prontivus.monitor.MonitorService;
import br.com.prontivus.monitor.MonitorStore;
import br.com.prontivus.monitor.PostgresSampler;
import br.com.prontivus.monitor.SqliteSampler;
import br.com.prontivus.monitor.StatementTimings;
import br.com.prontivus.monitor.SystemSampler;
import br.com.prontivus.store.SqliteDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Monitor overhead (issue 6): what one sample costs in CPU, and whether a running monitor changes
 * the local write latency (patient registration, p99). Registrations run in blocks alternating
 * OFF (no execute listener, no monitor) and ON (listener on the store, monitor sampling every
 * {@code interval}) in ABBA order, so drift (file growth, JIT, page cache) hits both states alike;
 * the spread of the OFF blocks' own p99 is the noise the ON/OFF difference is judged against.
 * Runs on a throw-away data directory; never touches the user's.
 */
public final class MonitorOverheadBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * @param registrations timed registrations per state (ON and OFF each)
     * @param blocks number of alternating blocks (even; each state gets half)
     * @param interval the monitor's interval during ON blocks (shorter than the real 15 s to magnify its effect)
     * @param ticks samples timed one by one for the CPU cost
     */
    public record Settings(int registrations, int warmup, int blocks, Duration interval, int ticks) {
        public static Settings defaults() {
            return new Settings(2_000, 500, 8, Duration.ofSeconds(1), 100);
        }

        public Settings {
            if (registrations < blocks || blocks < 2 || blocks % 2 != 0 || warmup < 0 || ticks < 1
                    || interval.toMillis() < 100) {
                throw new IllegalArgumentException("registrations ≥ blocks, blocks even and ≥ 2, warmup ≥ 0,"
                        + " ticks ≥ 1, interval ≥ 100 ms");
            }
        }
    }

    private MonitorOverheadBenchmark() {
    }

    /** Runs the benchmark in {@code work} (created, left for the caller to delete). */
    public static Map<String, Object> run(Path work, Settings settings, Optional<PostgresTarget> server,
                                          Consumer<String> progress) throws Exception {
        Files.createDirectories(work);
        AppConfig config = ConfigLoader.forDataDirectory(work);
        Prontivus.Options options = new Prontivus.Options(Clock.systemUTC(), ZoneId.systemDefault(),
                new PasswordHasher(10_000), "bench", true);
        try (Prontivus app = Prontivus.open(config, options)) {
            app.init("Clínica Benchmark", "admin", "Admin", "bench-password".toCharArray(), "bench-desktop");
            SqliteDatabase db = (SqliteDatabase) app.local();
            PatientService patients = app.services().patients();
            Actor actor = Actor.system("bench");
            StatementTimings timings = app.timings();
            PostgresSampler pg = server.map(t -> new PostgresSampler(JdbcConnector.of(t.jdbcUrl(), t.user(),
                    t.password(), t.maskedUrl(), Duration.ofSeconds(5)))).orElse(null);
            MonitorService monitor = new MonitorService(new MonitorStore(db), new SqliteSampler(db), pg,
                    new SystemSampler(work), null, timings, new MonitorService.Settings(settings.interval(), 30,
                    "bench", Locale.ENGLISH, Clock.systemUTC()));
            int[] counter = {0};

            progress.accept("warm-up: " + settings.warmup() + " registrations");
            for (int i = 0; i < settings.warmup(); i++) {
                register(patients, actor, counter);
            }

            int perBlock = settings.registrations() * 2 / settings.blocks();
            List<long[]> offBlocks = new ArrayList<>();
            List<long[]> onBlocks = new ArrayList<>();
            int samplesDuringOn = 0;
            for (int b = 0; b < settings.blocks(); b++) {
                boolean on = (b % 4 == 1) || (b % 4 == 2); // OFF ON ON OFF OFF ON ON OFF …
                progress.accept("block " + (b + 1) + "/" + settings.blocks() + " monitor " + (on ? "ON" : "OFF")
                        + ": " + perBlock + " registrations");
                long before = monitor.store().history(Instant.EPOCH, null, false).size();
                if (on) {
                    db.executeListener(timings.listener(StatementTimings.SQLITE));
                    monitor.start();
                } else {
                    db.executeListener(null);
                }
                long[] nanos = new long[perBlock];
                for (int i = 0; i < perBlock; i++) {
                    long start = System.nanoTime();
                    register(patients, actor, counter);
                    nanos[i] = System.nanoTime() - start;
                }
                if (on) {
                    monitor.stop();
                    samplesDuringOn += (int) (monitor.store().history(Instant.EPOCH, null, false).size() - before);
                    onBlocks.add(nanos);
                } else {
                    offBlocks.add(nanos);
                }
            }
            db.executeListener(timings.listener(StatementTimings.SQLITE)); // as the application runs

            progress.accept("sample cost: " + settings.ticks() + " samples");
            monitor.sampleNow(); // first CPU reading waits for a tick window; not part of the steady state
            long[] cpu = new long[settings.ticks()];
            long[] wall = new long[settings.ticks()];
            for (int i = 0; i < settings.ticks(); i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                monitor.tick();
                cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                wall[i] = System.nanoTime() - w0;
            }
            monitor.close();

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "monitor overhead");
            report.put("date", Instant.now().toString());
            report.put("machine", machine(work));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("registrations_per_state", perBlock * settings.blocks() / 2);
            s.put("warmup", settings.warmup());
            s.put("blocks", settings.blocks());
            s.put("interval_during_on_ms", settings.interval().toMillis());
            s.put("samples_taken_during_on", samplesDuringOn);
            s.put("postgres_sampled", pg != null);
            report.put("settings", s);
            Map<String, Object> write = new LinkedHashMap<>();
            write.put("off", latencies(concat(offBlocks)));
            write.put("on", latencies(concat(onBlocks)));
            write.put("off_block_p99_ms", offBlocks.stream().map(n -> ms(rank(sorted(n), 99))).toList());
            write.put("on_block_p99_ms", onBlocks.stream().map(n -> ms(rank(sorted(n), 99))).toList());
            report.put("patient_registration", write);
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("cpu", latencies(cpu));
            sample.put("wall", latencies(wall));
            double meanCpuMs = Arrays.stream(cpu).average().orElse(0) / 1e6;
            sample.put("cpu_share_at_15s_percent", round(meanCpuMs / 15_000 * 100, 5));
            report.put("sample", sample);
            return report;
        }
    }

    private static void register(PatientService patients, Actor actor, int[] counter) {
        int n = counter[0]++;
        patients.register(actor, new PatientDraft("Paciente " + n + " da Silva Benchmark", null, null,
                LocalDate.of(1950 + n % 60, 1 + n % 12, 1 + n % 28), n % 2 == 0 ? "female" : "male",
                null, null, "Rua " + n, null));
    }

    private static long[] concat(List<long[]> blocks) {
        return blocks.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static long[] sorted(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** Nearest rank. */
    private static long rank(long[] sorted, double p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
    }

    private static Map<String, Object> latencies(long[] nanos) {
        long[] s = sorted(nanos);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.length);
        m.put("p50_ms", ms(rank(s, 50)));
        m.put("p95_ms", ms(rank(s, 95)));
        m.put("p99_ms", ms(rank(s, 99)));
        m.put("max_ms", ms(s[s.length - 1]));
        m.put("mean_ms", round(Arrays.stream(s).average().orElse(0) / 1e6, 3));
        return m;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6, 3);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static Map<String, Object> machine(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            var hw = new oshi.SystemInfo().getHardware();
            m.put("cpu", hw.getProcessor().getProcessorIdentifier().getName().strip());
            m.put("memory_gib", round(hw.getMemory().getTotal() / (1024.0 * 1024 * 1024), 1));
        } catch (RuntimeException | LinkageError e) {
            m.put("cpu", "unknown");
        }
        m.put("logical_cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        try {
            var store = Files.getFileStore(dir);
            m.put("filesystem", store.type() + " (" + store.name() + ")");
        } catch (java.io.IOException e) {
            m.put("filesystem", "unknown");
        }
        return m;
    }

    /** The figures for people. */
    @SuppressWarnings("unchecked")
    public static String toText(Map<String, Object> report) {
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        Map<String, Object> settings = (Map<String, Object>) report.get("settings");
        Map<String, Object> write = (Map<String, Object>) report.get("patient_registration");
        Map<String, Object> sample = (Map<String, Object>) report.get("sample");
        StringBuilder b = new StringBuilder();
        b.append("Monitor overhead — ").append(report.get("date")).append('\n');
        b.append("machine: ").append(machine.get("cpu")).append(", ").append(machine.get("logical_cores"))
                .append(" cores, ").append(machine.get("memory_gib")).append(" GiB, ").append(machine.get("os"))
                .append(", ").append(machine.get("jdk")).append(", ").append(machine.get("filesystem")).append('\n');
        b.append("registrations per state: ").append(settings.get("registrations_per_state"))
                .append(" (monitor interval while ON: ").append(settings.get("interval_during_on_ms"))
                .append(" ms, ").append(settings.get("samples_taken_during_on")).append(" samples)\n");
        for (String state : new String[] {"off", "on"}) {
            Map<String, Object> l = (Map<String, Object>) write.get(state);
            b.append(String.format(Locale.ROOT, "  monitor %-3s  p50 %8.3f ms  p95 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
                    state.toUpperCase(Locale.ROOT), l.get("p50_ms"), l.get("p95_ms"), l.get("p99_ms"), l.get("max_ms")));
        }
        b.append("  p99 per block OFF ").append(write.get("off_block_p99_ms")).append('\n');
        b.append("  p99 per block ON  ").append(write.get("on_block_p99_ms")).append('\n');
        Map<String, Object> cpu = (Map<String, Object>) sample.get("cpu");
        Map<String, Object> wall = (Map<String, Object>) sample.get("wall");
        b.append(String.format(Locale.ROOT, "one sample: CPU mean %.3f ms, p50 %.3f ms, p95 %.3f ms; wall p50 %.3f ms,"
                        + " p95 %.3f ms; CPU share at the 15 s interval %.5f%%",
                cpu.get("mean_ms"), cpu.get("p50_ms"), cpu.get("p95_ms"), wall.get("p50_ms"), wall.get("p95_ms"),
                sample.get("cpu_share_at_15s_percent")));
        return b.toString();
    }
}
