package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in-process on one data directory, with an environment built here (the
 * machine's environment never leaks in) and a fast password hasher. Reads the SQLite file directly
 * to check what a command did or did not change.
 */
final class CliHarness {

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    static final String ADMIN_PASSWORD = "segredo123";

    final Path home;
    final Map<String, String> env = new HashMap<>();

    CliHarness(Path home) {
        this.home = home;
        env.put("USER", "tester");
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        Result expect(int expected) {
            assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(expected);
            return this;
        }

        Result ok() {
            return expect(0);
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        Cli cli = new Cli(env, new BufferedReader(new StringReader(stdin)), new PrintWriter(out), new PrintWriter(err),
                config -> Prontivus.open(config, new Prontivus.Options(Clock.systemUTC(), ZONE, TestStores.FAST_HASHER,
                        "tester", true)),
                (config, exitWhenReady) -> {
                    throw new AssertionError("the GUI must not open in a test");
                });
        int code = cli.run(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** A fresh clinic with administrator {@code admin}. */
    CliHarness init() {
        runWithInput(ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Teste", "--admin", "admin",
                "--admin-name", "Ana Admin").ok();
        return this;
    }

    Path db() {
        return home.resolve("prontivus.db");
    }

    long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    String string(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
