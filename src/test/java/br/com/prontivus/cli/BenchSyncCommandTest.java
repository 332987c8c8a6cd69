package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.Prontivus;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bench sync` end to end with tiny sizes against the test PostgreSQL (PRONTIVUS_TEST_PG_URL or the
 * local server): every section is printed, the run converges and cleans up after itself. Nothing here
 * is timed or asserted on speed.
 */
class BenchSyncCommandTest {

    private static final String ADMIN_URL = System.getenv().getOrDefault("PRONTIVUS_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    @TempDir
    Path home;

    @TempDir
    Path benchDir;

    @Test
    void textReportHasEverySection() {
        String out = run("bench", "sync", "--changes", "200", "--bootstrap-rows", "2000", "--desktops", "4",
                "--clinics", "2", "--ops-per-desktop", "20", "--latency-changes", "5", "--idle-cycles", "3",
                "--server-url", ADMIN_URL, "--dir", benchDir.toString());
        assertThat(out).contains("1. Push (200 queued ops", "raw JDBC batch", "ratio push / raw",
                "2. Bootstrap of a new desktop (2000 patients", "COPY out", "raw PG->SQLite",
                "3. Propagation A -> B", "commit -> on B", "4. Idle sync cycle", "server statements per cycle",
                "5. 4 desktops over 2 clinics", "errors 0, deadlocks 0, converged true", "Overall:", "postgresql",
                "load before", "cpu");
    }

    @Test
    void jsonReportHasEveryFigureAndLeavesNothingBehind() throws Exception {
        String out = run("bench", "sync", "--json", "--changes", "200", "--bootstrap-rows", "2000", "--desktops", "4",
                "--ops-per-desktop", "20", "--latency-changes", "5", "--idle-cycles", "3", "--server-url", ADMIN_URL,
                "--dir", benchDir.toString());
        JsonNode json = Json.MAPPER.readTree(out);
        assertThat(json.path("machine").path("postgresql").asText()).contains("PostgreSQL");
        assertThat(json.path("push").path("pushed").asInt()).isEqualTo(200);
        assertThat(json.path("push").path("baseline").path("rows_per_s").isNumber()).isTrue();
        assertThat(json.path("push").path("ratio_to_baseline").isNumber()).isTrue();
        assertThat(json.path("bootstrap").path("local_patients").asLong()).isEqualTo(2000);
        assertThat(json.path("bootstrap").path("local_search_terms").asLong()).isGreaterThan(2000);
        assertThat(json.path("bootstrap").path("baseline").path("copy_out").path("rows").asLong()).isEqualTo(2000);
        assertThat(json.path("latency").path("seen_on_b").asInt()).isEqualTo(5);
        assertThat(json.path("idle").path("server_statements_max").asLong()).isPositive();
        assertThat(json.path("many_desktops").path("clinics").asInt()).isEqualTo(4); // --clinics 5 capped at 4 desktops
        assertThat(json.path("many_desktops").path("converged").asBoolean()).isTrue();
        assertThat(json.path("many_desktops").path("errors")).isEmpty();
        assertThat(json.has("pass")).isTrue();
        try (var left = Files.list(benchDir)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
        String server = json.path("server").asText();
        String database = server.substring(server.lastIndexOf(' ') + 1);
        assertThat(database).startsWith("prontivus_bench_");
        assertThat(benchDatabases()).as("server database dropped").doesNotContain(database);
    }

    private static List<String> benchDatabases() throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = DriverManager.getConnection(ADMIN_URL); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'prontivus_bench_%'"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(Map.of("PRONTIVUS_HOME", home.toString()), new BufferedReader(new StringReader("")),
                new PrintWriter(out), new PrintWriter(err),
                config -> Prontivus.open(config, Prontivus.Options.defaults("test")), (config, exitWhenReady) -> 0);
        int code = cli.run(args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
