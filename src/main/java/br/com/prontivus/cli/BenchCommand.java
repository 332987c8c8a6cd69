package br.com.prontivus.cli;

import br.com.prontivus.bench.BenchReport;
import br.com.prontivus.bench.LocalBenchmark;
import br.com.prontivus.bench.Workspace;
import br.com.prontivus.bench.SyncBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prontivus bench}: performance figures of this machine (never touches the user's data). */
@Command(name = "bench", description = "Benchmarks (they never touch your data directory).",
        subcommands = {BenchCommand.Local.class, BenchCommand.Sync.class,
                br.com.prontivus.bench.MonitorBenchCommand.class})
final class BenchCommand {

    @Command(name = "local", description = "Registration latency, CSV import throughput and search latency on a "
            + "throw-away SQLite file, each beside a bare-SQLite baseline.")
    static final class Local extends ContextCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--patients", defaultValue = "100000", description = "Patients to import (default ${DEFAULT-VALUE}).")
        int patients;

        @Option(names = "--registrations", defaultValue = "2000",
                description = "Timed single registrations (default ${DEFAULT-VALUE}).")
        int registrations;

        @Option(names = "--warmup", defaultValue = "500", description = "Untimed registrations first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--queries", defaultValue = "300", description = "Timed searches per kind (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(names = "--batch-size", defaultValue = "1000", description = "Rows per import transaction (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--dir", description = "Run in a new folder inside DIR (default: the system temp folder).")
        Path dir;

        @Option(names = "--keep", description = "Keep the benchmark's files afterwards.")
        boolean keep;

        @Override
        protected int run(CliContext ctx) throws IOException {
            if (patients < 100 || registrations < 1 || warmup < 0 || queries < 1 || batchSize < 1) {
                throw CliException.badInput("--patients must be at least 100; --registrations, --queries and "
                        + "--batch-size at least 1; --warmup not negative");
            }
            LocalBenchmark.Settings settings = LocalBenchmark.Settings.defaults().withPatients(patients)
                    .withRegistrations(registrations).withWarmup(warmup).withQueriesPerKind(queries)
                    .withBatchSize(batchSize);
            return runInWorkspace(ctx, dir, "prontivus-bench-", keep, json,
                    (folder, progress) -> LocalBenchmark.run(folder, settings, progress));
        }

    }

    @Command(name = "sync", description = "Sync engine against PostgreSQL: push throughput, bootstrap of a new desktop, "
            + "propagation latency, idle cycle cost, many desktops at once; each beside a baseline. Creates and drops "
            + "its own database on the server.")
    static final class Sync extends ContextCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--server-url", description = "jdbc:postgresql:// URL of a role that may create databases "
                + "(default " + SyncBenchmark.DEFAULT_SERVER_URL + ").")
        String serverUrl;

        @Option(names = "--changes", defaultValue = "100000", description = "Queued ops to push (default ${DEFAULT-VALUE}).")
        int changes;

        @Option(names = "--bootstrap-rows", defaultValue = "1000000",
                description = "Patients of the clinic a new desktop joins (default ${DEFAULT-VALUE}).")
        int bootstrapRows;

        @Option(names = "--latency-changes", defaultValue = "200",
                description = "Changes timed from desktop A to desktop B (default ${DEFAULT-VALUE}).")
        int latencyChanges;

        @Option(names = "--idle-cycles", defaultValue = "50", description = "Idle cycles timed (default ${DEFAULT-VALUE}).")
        int idleCycles;

        @Option(names = "--desktops", defaultValue = "50", description = "Desktops pushing at once (default ${DEFAULT-VALUE}).")
        int desktops;

        @Option(names = "--clinics", defaultValue = "5", description = "Clinics they belong to (default ${DEFAULT-VALUE}).")
        int clinics;

        @Option(names = "--ops-per-desktop", defaultValue = "200",
                description = "Queued ops per desktop (default ${DEFAULT-VALUE}).")
        int opsPerDesktop;

        @Option(names = "--batch-size", description = "Ops per push transaction (default: the engine's).")
        Integer batchSize;

        @Option(names = "--pull-chunk", description = "Rows per table per pull chunk (default: the engine's).")
        Integer pullChunk;

        @Option(names = "--dir", description = "Run in a new folder inside DIR (default: the system temp folder).")
        Path dir;

        @Option(names = "--keep", description = "Keep the desktops' files afterwards (the server database is always dropped).")
        boolean keep;

        @Override
        protected int run(CliContext ctx) throws IOException {
            var d = SyncBenchmark.Settings.defaults();
            SyncBenchmark.Settings settings = new SyncBenchmark.Settings(serverUrl == null ? d.serverUrl() : serverUrl,
                    changes, bootstrapRows, latencyChanges, idleCycles, desktops, clinics, opsPerDesktop,
                    batchSize == null ? d.batchSize() : batchSize, pullChunk == null ? d.pullChunk() : pullChunk,
                    d.seed());
            if (changes < 2 || bootstrapRows < 1 || latencyChanges < 1 || idleCycles < 1 || desktops < 1 || clinics < 1
                    || opsPerDesktop < 2 || settings.batchSize() < 1 || settings.pullChunk() < 1) {
                throw CliException.badInput("--changes and --ops-per-desktop must be at least 2; the other sizes at least 1");
            }
            if (!settings.serverUrl().startsWith("jdbc:postgresql://")) {
                throw CliException.badInput("--server-url must be a jdbc:postgresql:// URL");
            }
            return runInWorkspace(ctx, dir, "prontivus-bench-sync-", keep, json,
                    (folder, progress) -> SyncBenchmark.run(folder, settings, progress));
        }
    }

    /**
     * Runs a benchmark in a fresh folder of its own (the user's PRONTIVUS_HOME is never opened), progress
     * lines on stderr, the report on stdout; the folder is deleted afterwards unless {@code keep}.
     */
    private static int runInWorkspace(CliContext ctx, Path dir, String prefix, boolean keep, boolean json,
                                      BiFunction<Path, Consumer<String>, BenchReport> benchmark) throws IOException {
        Workspace work = Workspace.create(dir, prefix);
        BenchReport report;
        try {
            report = benchmark.apply(work.run(), line -> {
                ctx.err().println("bench: " + line);
                ctx.err().flush();
            });
        } finally {
            if (keep) {
                ctx.err().println("bench: files kept in " + work.root());
            } else {
                work.close();
            }
        }
        ctx.out().println(json ? Json.write(report.toMap()) : report.toText());
        return ExitCodes.OK; // a missed target is a finding, not a failure of the command
    }
}
