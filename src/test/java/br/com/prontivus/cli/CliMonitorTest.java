package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor: the commands and the shape of their JSON, offline and against a real PostgreSQL. */
class CliMonitorTest {

    private static PostgresTestDatabase server;

    @TempDir
    Path home;

    @BeforeAll
    static void createServer() {
        server = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropServer() {
        server.close();
    }

    @Test
    void metricsAndHealthCheckOffline() {
        CliHarness cli = new CliHarness(home).init();

        JsonNode metrics = cli.run("monitor", "metrics", "--json").ok().json();
        assertThat(metrics.fieldNames()).toIterable().contains("taken_at", "source", "overall", "checks", "postgres",
                "sqlite", "system", "sync", "timings", "sample_cost");
        assertThat(metrics.get("postgres").isNull()).isTrue();
        assertThat(metrics.get("sync").isNull()).isTrue(); // offline: nothing to sync with
        assertThat(metrics.get("sqlite").get("page_count").asLong()).isPositive();
        assertThat(metrics.get("sqlite").get("readable").asBoolean()).isTrue();
        assertThat(metrics.get("system").get("disk_free_percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(metrics.get("checks")).extracting(c -> c.get("check").asText())
                .containsExactly("connection", "performance", "disk", "memory", "sync");
        assertThat(metrics.get("timings").get("sqlite").get("select").get("count").asLong()).isPositive();
        assertThat(metrics.get("timings").get("sqlite").get("select").fieldNames()).toIterable()
                .contains("p50_ms", "p95_ms", "p99_ms", "max_ms");

        var plain = cli.run("monitor", "metrics").ok();
        assertThat(plain.out()).contains("sqlite:", "page_count:", "checks:");

        // thresholds decide the exit code: any memory in use warns now
        cli.run("monitor", "thresholds", "set", "memory.used_percent", "--warn", "0", "--critical", "100").ok();
        var health = cli.run("monitor", "health-check", "--json").expect(4);
        JsonNode h = health.json();
        assertThat(h.get("overall").asText()).isIn("WARN", "CRITICAL");
        assertThat(h.get("checks")).anySatisfy(c -> {
            assertThat(c.get("check").asText()).isEqualTo("memory");
            assertThat(c.get("status").asText()).isEqualTo("WARN");
            assertThat(c.get("message").asText()).contains("memory in use");
        });
        cli.run("monitor", "health-check", "--fail-on", "critical").ok();
        assertThat(cli.run("monitor", "health-check").expect(4).out()).contains("Memory", "Warning", "overall:");

        JsonNode thresholds = cli.run("monitor", "thresholds", "--json").ok().json();
        assertThat(thresholds).anySatisfy(t -> {
            assertThat(t.get("metric").asText()).isEqualTo("memory.used_percent");
            assertThat(t.get("warn").asDouble()).isZero();
            assertThat(t.get("default").asBoolean()).isFalse();
        });
        cli.run("monitor", "thresholds", "reset", "memory.used_percent").ok();
        assertThat(cli.run("monitor", "thresholds", "set", "disk.free_percent", "--warn", "5", "--critical", "15")
                .expect(2).err()).contains("at or below");
        assertThat(cli.run("monitor", "thresholds", "set", "nope").expect(2).err()).contains("performance.p95_ms");
        // nothing was recorded by one-off commands
        assertThat(cli.count("SELECT count(*) FROM monitor_samples")).isZero();
        cli.run("monitor", "health-check", "--record").ok();
        assertThat(cli.count("SELECT count(*) FROM monitor_samples")).isEqualTo(1);
    }

    @Test
    void startForADurationThenStatusAndHistory() {
        CliHarness cli = new CliHarness(home).init();
        var run = cli.run("monitor", "start", "--for", "1s", "--interval", "200ms", "--json").ok();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            lines.add(new CliHarness.Result(0, line, "").json());
        }
        assertThat(lines.size()).isBetween(3, 7);
        assertThat(lines.get(0).get("overall").asText()).isIn("OK", "WARN", "CRITICAL");

        JsonNode history = cli.run("monitor", "history", "--since", "1h", "--json").ok().json();
        assertThat(history.size()).isEqualTo(lines.size());
        assertThat(history.get(0).fieldNames()).toIterable().contains("taken_at", "overall", "query_p95_ms",
                "cpu_load", "memory_used_percent", "disk_free_percent", "sample_cpu_ms", "pg_latency_ms");
        assertThat(cli.run("monitor", "history", "--since", "30m").ok().out()).contains("TAKEN AT", "DISK FREE %");
        assertThat(cli.run("monitor", "history", "--since", "1h", "--alerts", "--json").ok().json().isArray()).isTrue();

        JsonNode status = cli.run("monitor", "status", "--json").ok().json();
        assertThat(status.get("running").asBoolean()).isFalse();
        assertThat(status.get("latest").get("checks")).hasSize(5);
        assertThat(cli.run("monitor", "status").ok().out()).contains("monitor: not running", "latest sample:");

        JsonNode stop = cli.run("monitor", "stop", "--json").ok().json();
        assertThat(stop.get("was_running").asBoolean()).isFalse();

        assertThat(cli.run("monitor", "history", "--since", "soon").expect(2).err()).contains("30s, 15m, 1h");
    }

    @Test
    void stopEndsAMonitorStartedElsewhere() throws Exception {
        CliHarness cli = new CliHarness(home).init();
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(
                () -> cli.run("monitor", "start", "--for", "60s", "--interval", "500ms"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode status;
        do {
            Thread.sleep(100);
            status = cli.run("monitor", "status", "--json").ok().json();
        } while (!status.get("running").asBoolean() && System.nanoTime() < deadline);
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());

        assertThat(cli.run("monitor", "start", "--for", "1s").expect(4).err()).contains("already running");

        JsonNode stop = cli.run("monitor", "stop", "--json").ok().json();
        assertThat(stop.get("stopped").asBoolean()).isTrue();
        CliHarness.Result finished = running.get(10, TimeUnit.SECONDS);
        assertThat(finished.code()).isZero();
        assertThat(finished.out()).contains("monitor stopped after");
        assertThat(cli.run("monitor", "status", "--json").ok().json().get("running").asBoolean()).isFalse();
    }

    @Test
    void hybridDesktopSeesTheServerAndItsSyncQueue() {
        CliHarness cli = new CliHarness(home);
        cli.env.put("DATABASE_URL", server.jdbcUrl());
        cli.init();
        cli.run("patients", "add", "--name", "Maria Souza").ok(); // one change waits in the outbox

        JsonNode metrics = cli.run("monitor", "metrics", "--json").ok().json();
        JsonNode pg = metrics.get("postgres");
        assertThat(pg.get("reachable").asBoolean()).isTrue();
        assertThat(pg.get("connections").asLong()).isPositive();
        assertThat(pg.get("cache_hit_ratio").asDouble()).isBetween(0.0, 1.0);
        assertThat(pg.get("database_size_bytes").asLong()).isPositive();
        assertThat(pg.get("server").asText()).doesNotContain("password");
        assertThat(metrics.get("sync").get("pending_ops").asLong()).isPositive();
        assertThat(metrics.get("sync").get("parked_ops").asLong()).isZero();
        assertThat(metrics.get("checks").get(0).get("status").asText()).isEqualTo("OK");
    }

    @Test
    void unreachableServerIsCriticalConnectionAndTheRestAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliHarness cli = new CliHarness(home);
        cli.env.put("DATABASE_URL", "postgresql://prontivus:s3cret@127.0.0.1:" + closedPort + "/prontivus");
        cli.init();

        var result = cli.run("monitor", "health-check", "--json").expect(4);
        JsonNode checks = result.json().get("checks");
        assertThat(checks.get(0).get("check").asText()).isEqualTo("connection");
        assertThat(checks.get(0).get("status").asText()).isEqualTo("CRITICAL");
        assertThat(checks.get(0).get("message").asText()).contains("unreachable").doesNotContain("s3cret");
        assertThat(checks).hasSize(5);
        assertThat(result.json().get("overall").asText()).isEqualTo("CRITICAL");

        JsonNode metrics = cli.run("monitor", "metrics", "--json").ok().json();
        assertThat(metrics.get("postgres").get("reachable").asBoolean()).isFalse();
        assertThat(metrics.get("postgres").get("unavailable").get("connections").asText()).startsWith("server unreachable");
        assertThat(metrics.get("sqlite").get("page_count").asLong()).isPositive();
        assertThat(metrics.toString()).doesNotContain("s3cret");
    }
}
