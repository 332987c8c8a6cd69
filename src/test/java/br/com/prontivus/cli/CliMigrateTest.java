package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate status|run|rollback|validate|create on the local SQLite file and a real PostgreSQL. */
class CliMigrateTest {

    /** Versions of the bundled SQLite migrations, oldest first (the list grows with every release). */
    private static final java.util.List<String> BUNDLED = bundledVersions();
    private static final String LATEST = BUNDLED.getLast();

    private static java.util.List<String> bundledVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                CliMigrateTest.class.getClassLoader().getResource("db/migration/sqlite").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("V"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.')).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
    private static final String MIDDLE = "2026.11.25.1210";
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

    private long remote(String sql) throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final String HISTORY = "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL AND success";

    @Test
    void statusRunRollbackValidateOnBothDatabases() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.env.put("DATABASE_URL", server.jdbcUrl());
        cli.init(); // the local file is migrated when it is opened; the server is still empty

        JsonNode status = cli.run("migrate", "status", "--json").ok().json();
        assertThat(status.get("local").get("dialect").asText()).isEqualTo("sqlite");
        assertThat(status.get("local").get("current_version").asText()).isEqualTo(LATEST);
        assertThat(status.get("local").get("applied")).extracting(n -> n.get("version").asText())
                .containsExactlyElementsOf(BUNDLED);
        assertThat(status.get("local").get("applied").get(0).get("rollback_script").asBoolean()).isTrue();
        assertThat(status.get("remote").get("dialect").asText()).isEqualTo("postgresql");
        assertThat(status.get("remote").get("current_version").isNull()).isTrue();
        assertThat(status.get("remote").get("pending")).hasSize(BUNDLED.size());
        assertThat(status.toString()).doesNotContain("password");

        var run = cli.run("migrate", "run").ok();
        assertThat(run.out()).contains("local: nothing to do", "remote: migrated from (empty) to " + LATEST);
        assertThat(remote(HISTORY)).isEqualTo(BUNDLED.size());

        // without --yes and without a terminal, nothing is rolled back
        assertThat(cli.run("migrate", "rollback", "--to", MIDDLE).expect(2).err()).contains("--yes");
        assertThat(cli.count(HISTORY)).isEqualTo(BUNDLED.size());
        assertThat(remote(HISTORY)).isEqualTo(BUNDLED.size());

        var back = cli.run("migrate", "rollback", "--to", MIDDLE, "--yes").ok();
        assertThat(back.out()).contains("local: rolled back from " + LATEST + " to " + MIDDLE, "snapshot",
                "remote: rolled back from " + LATEST + " to " + MIDDLE);
        assertThat(cli.count(HISTORY)).isEqualTo(2);
        assertThat(cli.count("SELECT count(*) FROM sqlite_master WHERE name = 'appointments'")).isZero();
        assertThat(remote(HISTORY)).isEqualTo(2);
        assertThat(remote("SELECT count(*) FROM information_schema.tables WHERE table_name = 'appointments'")).isZero();
        assertThat(cli.run("migrate", "status").ok().out()).contains("pending", "at version " + MIDDLE);

        JsonNode valid = cli.run("migrate", "validate", "--json").ok().json();
        assertThat(valid.get("local").get("valid").asBoolean()).isTrue();
        assertThat(valid.get("remote").get("valid").asBoolean()).isTrue();
        assertThat(valid.get("remote").get("problems")).isEmpty();

        // one side at a time
        cli.run("migrate", "run", "--local").ok();
        assertThat(cli.count(HISTORY)).isEqualTo(BUNDLED.size());
        assertThat(remote(HISTORY)).isEqualTo(2);
        cli.run("migrate", "run", "--remote", "--to", "2026.11.25.1220").ok();
        assertThat(remote(HISTORY)).isEqualTo(3);
        cli.run("migrate", "run").ok();
        assertThat(remote(HISTORY)).isEqualTo(BUNDLED.size());
        assertThat(cli.run("migrate", "validate").ok().out()).contains("local:", "remote:", "matches its scripts");

        // every action is audited on its own database
        assertThat(cli.count("SELECT count(*) FROM migration_audit WHERE action = 'rollback'")).isPositive();
        assertThat(remote("SELECT count(*) FROM migration_audit WHERE action = 'rollback'")).isPositive();

        // a bad target changes nothing and says why
        assertThat(cli.run("migrate", "rollback", "--to", "1999.01.01", "--yes", "--local").expect(1).err())
                .contains("not applied");
        assertThat(cli.count(HISTORY)).isEqualTo(BUNDLED.size());
    }

    @Test
    void localOnlyWithoutServerAndCreate() throws Exception {
        CliHarness cli = new CliHarness(home).init();
        var status = cli.run("migrate", "status", "--json").ok().json();
        assertThat(status.has("local")).isTrue();
        assertThat(status.has("remote")).isFalse();
        assertThat(cli.run("migrate", "status", "--remote").expect(2).err()).contains("DATABASE_URL");

        Path dir = home.resolve("scripts");
        var created = cli.run("migrate", "create", "add", "patient", "notes", "--dir", dir.toString()).ok();
        assertThat(created.out()).contains("add_patient_notes");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .hasSize(4) // up and down, for each of the two dialects
                    .allMatch(p -> p.matches("(sqlite|postgresql)/[VD]\\d{4}_\\d{2}_\\d{2}_\\d{4}__add_patient_notes\\.sql"));
        }
        assertThat(cli.run("migrate", "create", "Bad-Name", "--dir", dir.toString()).expect(2).err())
                .contains("Invalid migration name");
    }
}
