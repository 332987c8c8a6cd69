package br.com.prontivus.bench;

import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.config.PostgresTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "monitor", description = {
        "Monitor overhead: CPU time per sample, and patient-registration latency (p50/p95/p99) with the",
        "monitor on vs off, in alternating blocks on a throw-away SQLite file. Exit code 0 (a figure",
        "is a finding, not a failure), 2 for bad options."})
public final class MonitorBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--registrations", defaultValue = "2000",
            description = "Timed registrations per state, ON and OFF (default ${DEFAULT-VALUE}).")
    int registrations;

    @Option(names = "--warmup", defaultValue = "500", description = "Untimed registrations first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--blocks", defaultValue = "8", description = "Alternating blocks, even (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--interval", defaultValue = "1000", paramLabel = "MILLISECONDS",
            description = "Monitor interval while ON, in ms (default ${DEFAULT-VALUE}; the app samples every 15000).")
    long intervalMs;

    @Option(names = "--samples", defaultValue = "100", description = "Samples timed for their CPU cost (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--with-server", description = "Also sample the PostgreSQL of DATABASE_URL / POSTGRES_* (read-only statistics).")
    boolean withServer;

    @Option(names = "--dir", description = "Run in a new folder inside DIR (default: the system temp folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MonitorOverheadBenchmark.Settings settings;
        try {
            settings = new MonitorOverheadBenchmark.Settings(registrations, warmup, blocks,
                    Duration.ofMillis(intervalMs), samples);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<PostgresTarget> server = Optional.empty();
        if (withServer) {
            server = ConfigLoader.load(Map.of(), System.getenv()).postgres();
            if (server.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--with-server needs DATABASE_URL or POSTGRES_HOST in the environment");
            }
        }
        Map<String, Object> report;
        try (Workspace work = Workspace.create(dir, "prontivus-bench-monitor-")) {
            report = MonitorOverheadBenchmark.run(work.run(), settings, server, line -> {
                err.println("bench: " + line);
                err.flush();
            });
        }
        out.println(json ? new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
                : MonitorOverheadBenchmark.toText(report));
        out.flush();
        return 0;
    }
}
