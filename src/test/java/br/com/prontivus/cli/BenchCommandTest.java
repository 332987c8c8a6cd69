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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench local` end to end with tiny sizes: every section is printed; nothing here is timed or asserted on speed. */
class BenchCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path benchDir;

    @Test
    void textReportHasEverySection() {
        String out = run("bench", "local", "--patients", "2000", "--registrations", "50", "--warmup", "10",
                "--queries", "5", "--batch-size", "500", "--dir", benchDir.toString());
        assertThat(out).contains("1. Registration", "bare commit", "2. CSV import", "raw JDBC batch",
                "ratio import / raw", "3. Search", "name_prefix_1", "name_two_words", "cpf_prefix_6", "Overall:",
                "sqlite", "cpu");
        assertThat(out).contains("(2000 rows, 2000 accepted, 0 rejected");
    }

    @Test
    void jsonReportHasEveryFigureAndLeavesNothingBehind() throws Exception {
        String out = run("bench", "local", "--json", "--patients", "2000", "--registrations", "20", "--warmup", "5",
                "--queries", "3", "--dir", benchDir.toString());
        JsonNode json = Json.MAPPER.readTree(out);
        assertThat(json.path("machine").path("sqlite").asText()).isNotBlank();
        assertThat(json.path("registration").path("latency").path("p99_ms").isNumber()).isTrue();
        assertThat(json.path("registration").path("baseline").path("latency").path("p50_ms").isNumber()).isTrue();
        assertThat(json.path("import").path("accepted").asInt()).isEqualTo(2000);
        assertThat(json.path("import").path("ratio_to_baseline").isNumber()).isTrue();
        assertThat(json.path("search").path("by_kind").path("cpf_prefix_3").path("queries_without_hits").asInt())
                .isZero();
        assertThat(json.path("search").path("by_kind").path("name_two_words").path("queries_without_hits").asInt())
                .isZero();
        assertThat(json.has("pass")).isTrue();
        try (var left = Files.list(benchDir)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
        try (var userHome = Files.list(home)) {
            assertThat(userHome.map(p -> p.getFileName().toString())).doesNotContain("prontivus.db");
        }
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
