package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench monitor` runs end to end with tiny sizes; its figures are not judged here (see docs/PERFORMANCE.md). */
class BenchMonitorCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    @Test
    void runsOnAThrowAwayDirectoryAndReportsBothStates() throws Exception {
        JsonNode report = run(0, "bench", "monitor", "--registrations", "20", "--warmup", "5", "--blocks", "4",
                "--interval", "200", "--samples", "3", "--dir", scratch.toString(), "--json").json();
        assertThat(report.get("patient_registration").get("off").get("count").asInt()).isEqualTo(20);
        assertThat(report.get("patient_registration").get("on").get("count").asInt()).isEqualTo(20);
        assertThat(report.get("patient_registration").get("on").get("p99_ms").asDouble()).isPositive();
        assertThat(report.get("sample").get("cpu").get("count").asInt()).isEqualTo(3);
        assertThat(report.get("machine").get("logical_cores").asInt()).isPositive();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("the run's folder is deleted").isEmpty();
        }
        assertThat(Files.exists(home.resolve("prontivus.db"))).as("the user's data directory is not opened").isFalse();
        assertThat(run(2, "bench", "monitor", "--blocks", "3").err()).contains("blocks even");
    }

    /** The launcher registers bench with the command line (cli may not know the bench package). */
    private CliHarness.Result run(int expected, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--home", home.toString()));
        all.addAll(java.util.List.of(args));
        Cli cli = new Cli(java.util.Map.of("USER", "tester"), new java.io.BufferedReader(new java.io.StringReader("")),
                new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                config -> {
                    throw new AssertionError("a benchmark must not open the user's data directory");
                },
                (config, exitWhenReady) -> {
                    throw new AssertionError("the GUI must not open in a test");
                });
        return new CliHarness.Result(cli.run(all.toArray(String[]::new)), out.toString(), err.toString()).expect(expected);
    }
}
