package br.com.prontivus.cli;

import br.com.prontivus.monitor.Alert;
import br.com.prontivus.monitor.CheckResult;
import br.com.prontivus.monitor.HealthStatus;
import br.com.prontivus.monitor.HistoryPoint;
import br.com.prontivus.monitor.MonitorLock;
import br.com.prontivus.monitor.MonitorService;
import br.com.prontivus.monitor.Sample;
import br.com.prontivus.monitor.Threshold;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "monitor", description = {
        "Database monitor: PostgreSQL and SQLite health, statement timings (p50/p95/p99), CPU, memory",
        "and disk, sync queue; health checks against thresholds, alerts on every change of state,",
        "history kept in the local database for OFFLINE_DATA_RETENTION_DAYS."},
        subcommands = {MonitorCommand.Start.class, MonitorCommand.Stop.class, MonitorCommand.Status.class,
                MonitorCommand.HealthCheck.class, MonitorCommand.Metrics.class, MonitorCommand.History.class,
                MonitorCommand.Thresholds.class})
final class MonitorCommand {

    private MonitorCommand() {
    }

    @Command(name = "start", description = {
            "Runs the monitor in the foreground: a sample every --interval, recorded with its alerts,",
            "until Ctrl+C, `prontivus monitor stop`, or the end of --for. One monitor per data directory."})
    static final class Start extends ContextCommand {

        @Option(names = "--interval", defaultValue = "15s", converter = DurationText.class,
                description = "Time between samples (default ${DEFAULT-VALUE}; e.g. 5s, 1m).")
        Duration interval;

        @Option(names = "--for", converter = DurationText.class, paramLabel = "DURATION",
                description = "Stop after this long (for scripts), e.g. 30s, 10m.")
        Duration duration;

        @Option(names = "--json", description = "Print each sample as one line of JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) throws InterruptedException {
            if (interval.toMillis() < 100) {
                throw CliException.badInput("--interval must be at least 100ms");
            }
            Path dir = ctx.config().dataDirectory();
            Optional<MonitorLock> acquired = MonitorLock.tryAcquire(dir, interval.toSeconds());
            if (acquired.isEmpty()) {
                long pid = MonitorLock.running(dir).map(MonitorLock.Holder::pid).orElse(-1L);
                throw CliException.localized(ExitCodes.CONFLICT, "error.monitor.running", String.valueOf(pid));
            }
            try (MonitorLock lock = acquired.get()) {
                MonitorService monitor = ctx.app().monitor();
                monitor.interval(interval);
                monitor.addAlertListener(alert -> printAlert(ctx, alert));
                Thread main = Thread.currentThread();
                java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
                Thread hook = new Thread(() -> { // Ctrl+C: finish the sample in progress and release the lock
                    stopping.set(true);
                    main.interrupt();
                    try {
                        finished.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }, "prontivus-monitor-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                Instant deadline = duration == null ? null : Instant.now().plus(duration);
                int samples = 0;
                try {
                    while (!stopping.get() && !lock.stopRequested()) {
                        Sample sample = monitor.tick();
                        samples++;
                        printSample(ctx, sample);
                        Instant next = Instant.now().plus(interval);
                        if (deadline != null && next.isAfter(deadline)) {
                            next = deadline;
                        }
                        if (!sleepUntil(next, lock, stopping) || (deadline != null && !Instant.now().isBefore(deadline))) {
                            break;
                        }
                    }
                } finally {
                    finished.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException ignored) {
                        // the JVM is already shutting down
                    }
                }
                if (!json) {
                    ctx.out().println("monitor stopped after " + samples + " sample" + (samples == 1 ? "" : "s"));
                }
                return ExitCodes.OK;
            }
        }

        /** Sleeps in short steps so a stop request is seen within 100 ms; false when asked to stop. */
        private static boolean sleepUntil(Instant until, MonitorLock lock, java.util.concurrent.atomic.AtomicBoolean stopping) {
            while (Instant.now().isBefore(until)) {
                if (stopping.get() || lock.stopRequested()) {
                    return false;
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(100, Duration.between(Instant.now(), until).toMillis())));
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return true;
        }

        private void printSample(CliContext ctx, Sample sample) {
            if (json) {
                try {
                    ctx.out().println(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(sample.toMap()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                StringBuilder b = new StringBuilder(sample.takenAt().toString()).append("  ").append(sample.overall());
                for (CheckResult c : sample.checks()) {
                    b.append("  ").append(c.check()).append('=').append(c.status());
                }
                sample.queryP95Ms().ifPresent(p -> b.append("  p95=").append(p).append("ms"));
                ctx.out().println(b);
            }
            ctx.out().flush();
        }

        private void printAlert(CliContext ctx, Alert alert) {
            if (!json) {
                ctx.out().println("ALERT " + alert.check() + " " + alert.from() + " -> " + alert.to() + ": "
                        + alert.message());
            }
        }
    }

    @Command(name = "stop", description = "Asks the monitor running for this data directory to stop, and waits for it.")
    static final class Stop extends ContextCommand {

        @Option(names = "--timeout", defaultValue = "30s", converter = DurationText.class,
                description = "How long to wait (default ${DEFAULT-VALUE}); then the process is terminated.")
        Duration timeout;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) throws InterruptedException {
            Path dir = ctx.config().dataDirectory();
            Optional<MonitorLock.Holder> holder = MonitorLock.running(dir);
            Map<String, Object> result = new LinkedHashMap<>();
            if (holder.isEmpty()) {
                result.put("was_running", false);
                result.put("stopped", false);
                print(ctx, result, br.com.prontivus.i18n.Messages.get("error.monitor.not_running"));
                return ExitCodes.OK; // stopping what is not running is done: scripts can call it blindly
            }
            long pid = holder.get().pid();
            result.put("was_running", true);
            result.put("pid", pid);
            MonitorLock.requestStop(dir);
            boolean stopped = waitForStop(dir, timeout);
            if (!stopped && pid > 0 && pid != ProcessHandle.current().pid()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // it did not answer: terminate it
                stopped = waitForStop(dir, Duration.ofSeconds(5));
            }
            result.put("stopped", stopped);
            if (!stopped) {
                throw CliException.localized(ExitCodes.FAILURE, "error.monitor.stop_timeout", String.valueOf(pid),
                        timeout.toSeconds());
            }
            print(ctx, result, "monitor stopped (process " + pid + ")");
            return ExitCodes.OK;
        }

        private static boolean waitForStop(Path dir, Duration timeout) throws InterruptedException {
            Instant until = Instant.now().plus(timeout);
            while (Instant.now().isBefore(until)) {
                if (MonitorLock.running(dir).isEmpty()) {
                    return true;
                }
                Thread.sleep(100);
            }
            return MonitorLock.running(dir).isEmpty();
        }

        private void print(CliContext ctx, Map<String, Object> result, String text) {
            ctx.out().println(json ? Json.write(result) : text);
        }
    }

    @Command(name = "status", description = "Whether a monitor runs for this data directory, and its latest recorded sample.")
    static final class Status extends ContextCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) throws Exception {
            Path dir = ctx.config().dataDirectory();
            Optional<MonitorLock.Holder> holder = MonitorLock.running(dir);
            MonitorService monitor = ctx.app().monitor();
            Optional<HistoryPoint> latest = monitor.store().latest(monitor.settings().source());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("running", holder.isPresent());
            out.put("pid", holder.map(MonitorLock.Holder::pid).orElse(null));
            out.put("started_at", holder.map(MonitorLock.Holder::startedAt).orElse(null));
            out.put("interval_seconds", holder.map(MonitorLock.Holder::intervalSeconds).orElse(null));
            out.put("source", monitor.settings().source());
            Object latestSample = null;
            if (latest.isPresent()) {
                JsonNode details = Json.MAPPER.readTree(latest.get().details());
                latestSample = details;
            }
            out.put("latest", latestSample);
            if (json) {
                ctx.out().println(Json.write(out));
                return ExitCodes.OK;
            }
            ctx.out().println(holder.map(h -> "monitor: running (process " + h.pid() + ", since " + h.startedAt()
                    + ", every " + h.intervalSeconds() + " s)").orElse("monitor: not running"));
            if (latest.isEmpty()) {
                ctx.out().println("latest sample: none recorded");
            } else {
                HistoryPoint p = latest.get();
                ctx.out().println("latest sample: " + p.takenAt() + "  " + p.overall());
                JsonNode checks = ((JsonNode) latestSample).path("checks");
                TextTable table = new TextTable("CHECK", "STATUS", "MESSAGE");
                for (JsonNode c : checks) {
                    table.row(c.path("check").asText(), c.path("status").asText(), c.path("message").asText());
                }
                table.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "health-check", description = {
            "Takes one sample now and judges the health checks (connection, performance, disk, memory, sync).",
            "Exit code: 0 when every check is OK; 4 when one is WARN or CRITICAL (with --fail-on critical,",
            "only CRITICAL gives 4); 1 when the check itself could not run. Nothing is recorded unless --record."})
    static final class HealthCheck extends ContextCommand {

        enum FailOn { warn, critical }

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--fail-on", defaultValue = "warn",
                description = "Lowest state that makes the exit code 4: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        FailOn failOn;

        @Option(names = "--record", description = "Record the sample and raise alerts like a running monitor (for cron).")
        boolean record;

        @Override
        protected int run(CliContext ctx) {
            MonitorService monitor = ctx.app().monitor();
            Sample sample = record ? monitor.tick() : monitor.sampleNow();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("taken_at", sample.takenAt());
                out.put("overall", sample.overall().name());
                out.put("checks", sample.checks().stream().map(CheckResult::toMap).toList());
                ctx.out().println(Json.write(out));
            } else {
                Locale locale = Locale.getDefault();
                TextTable table = new TextTable("CHECK", "STATUS", "MESSAGE");
                for (CheckResult c : sample.checks()) {
                    table.row(c.title(locale), c.status().label(locale), c.message());
                }
                table.print(ctx.out());
                ctx.out().println("overall: " + sample.overall().label(locale));
            }
            HealthStatus limit = failOn == FailOn.critical ? HealthStatus.CRITICAL : HealthStatus.WARN;
            return sample.overall().ordinal() >= limit.ordinal() ? ExitCodes.CONFLICT : ExitCodes.OK;
        }
    }

    @Command(name = "metrics", description = "Takes one sample now and prints every reading (nothing is recorded).")
    static final class Metrics extends ContextCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Sample sample = ctx.app().monitor().sampleNow();
            if (json) {
                ctx.out().println(Json.write(sample.toMap()));
            } else {
                print(ctx, "", sample.toMap());
            }
            return ExitCodes.OK;
        }

        @SuppressWarnings("unchecked")
        private static void print(CliContext ctx, String indent, Map<String, Object> map) {
            map.forEach((key, value) -> {
                if (value instanceof Map<?, ?> nested) {
                    ctx.out().println(indent + key + ":");
                    print(ctx, indent + "  ", (Map<String, Object>) nested);
                } else if (value instanceof List<?> list && key.equals("checks")) {
                    ctx.out().println(indent + key + ":");
                    for (Object o : list) {
                        Map<String, Object> c = (Map<String, Object>) o;
                        ctx.out().println(indent + "  " + c.get("check") + ": " + c.get("status") + " — " + c.get("message"));
                    }
                } else {
                    ctx.out().println(indent + key + ": " + (value == null ? "-" : value));
                }
            });
        }
    }

    @Command(name = "history", description = "Recorded samples (or, with --alerts, the alerts) of the last --since.")
    static final class History extends ContextCommand {

        @Option(names = "--since", defaultValue = "1h", converter = DurationText.class, paramLabel = "DURATION",
                description = "How far back, e.g. 30m, 1h, 7d (default ${DEFAULT-VALUE}).")
        Duration since;

        @Option(names = "--alerts", description = "List the alerts raised instead of the samples.")
        boolean alerts;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            MonitorService monitor = ctx.app().monitor();
            if (alerts) {
                List<Alert> list = monitor.alerts(since);
                if (json) {
                    ctx.out().println(Json.write(list.stream().map(Alert::toMap).toList()));
                } else {
                    TextTable t = new TextTable("RAISED AT", "CHECK", "FROM", "TO", "MESSAGE");
                    list.forEach(a -> t.row(a.raisedAt(), a.check(), a.from(), a.to(), a.message()));
                    t.print(ctx.out());
                }
                return ExitCodes.OK;
            }
            List<HistoryPoint> points = monitor.history(since);
            if (json) {
                ctx.out().println(Json.write(points.stream().map(HistoryPoint::toMap).toList()));
            } else {
                TextTable t = new TextTable("TAKEN AT", "OVERALL", "PG MS", "CONNS", "HIT RATIO", "P95 MS", "CPU",
                        "MEM %", "DISK FREE %");
                points.forEach(p -> t.row(p.takenAt(), p.overall(), p.pgLatencyMs(), p.pgConnections(),
                        p.cacheHitRatio(), p.queryP95Ms(), p.cpuLoad(), p.memoryUsedPercent(), p.diskFreePercent()));
                t.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "thresholds", description = {
            "Lists the health-check thresholds; `thresholds set METRIC --warn X --critical Y` changes one,",
            "`thresholds reset METRIC` restores its default. Stored in the local database."})
    static final class Thresholds extends ContextCommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "list (default), set or reset.")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "METRIC", description = "e.g. performance.p95_ms.")
        String metric;

        @Option(names = "--warn", description = "Warning level.")
        Double warn;

        @Option(names = "--critical", description = "Critical level.")
        Double critical;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            MonitorService monitor = ctx.app().monitor();
            String act = action == null ? "list" : action.toLowerCase(Locale.ROOT);
            switch (act) {
                case "list" -> {
                }
                case "set" -> {
                    Threshold.Metric m = metric(metric);
                    Threshold current = monitor.thresholds().get(m);
                    try {
                        monitor.setThreshold(new Threshold(m, warn == null ? current.warn() : warn,
                                critical == null ? current.critical() : critical), ctx.osUser());
                    } catch (IllegalArgumentException e) {
                        throw CliException.localized(ExitCodes.BAD_INPUT, "error.monitor.threshold_invalid", m.key(),
                                e.getMessage());
                    }
                }
                case "reset" -> monitor.store().resetThreshold(metric(metric));
                default -> throw CliException.badInput("Unknown action " + action + ": use list, set or reset");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            monitor.thresholds().values().forEach(t -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("metric", t.metric().key());
                r.put("warn", t.warn());
                r.put("critical", t.critical());
                r.put("higher_is_worse", t.metric().higherIsWorse());
                r.put("default", t.equals(t.metric().defaults()));
                rows.add(r);
            });
            if (json) {
                ctx.out().println(Json.write(rows));
            } else {
                TextTable t = new TextTable("METRIC", "WARN", "CRITICAL", "WORSE WHEN", "DEFAULT");
                rows.forEach(r -> t.row(r.get("metric"), r.get("warn"), r.get("critical"),
                        (Boolean) r.get("higher_is_worse") ? "higher" : "lower", (Boolean) r.get("default") ? "yes" : "no"));
                t.print(ctx.out());
            }
            return ExitCodes.OK;
        }

        private static Threshold.Metric metric(String key) {
            if (key == null) {
                throw CliException.badInput("Name the threshold, e.g. performance.p95_ms");
            }
            return Threshold.Metric.byKey(key).orElseThrow(() -> CliException.localized(ExitCodes.BAD_INPUT,
                    "error.monitor.threshold_unknown", key, String.join(", ", Threshold.Metric.keys())));
        }
    }
}
