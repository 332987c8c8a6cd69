package br.com.prontivus.cli;

import br.com.prontivus.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away server database for the sync commands: an administrator's command line with the
 * privileged URL, clinic roles granted through {@code server grant}, and desktops (each its own data
 * directory) that connect as those roles. Roles are cluster-wide, so they are dropped on close.
 */
final class SyncFixture implements AutoCloseable {

    static final String ROLE_PASSWORD = "segredo-da-clinica";

    final PostgresTestDatabase pg = PostgresTestDatabase.create();
    final Path dir;
    final CliHarness admin;
    private final List<String> roles = new ArrayList<>();

    SyncFixture(Path dir) {
        this.dir = dir;
        this.admin = desktop("admin", pg.jdbcUrl());
    }

    /** A command line on its own data directory, connecting with {@code url}; small pools. */
    CliHarness desktop(String name, String url) {
        CliHarness cli = new CliHarness(dir.resolve(name));
        cli.env.put("DATABASE_URL", url);
        cli.env.put("DB_POOL_SIZE", "1");
        cli.env.put("DB_MAX_OVERFLOW", "3");
        cli.env.put("DB_POOL_TIMEOUT", "5");
        return cli;
    }

    /** server setup + grant of a new clinic to a fresh role; returns the clinic id. */
    UUID setupAndGrant() {
        admin.run("server", "setup").ok();
        String role = newRole();
        return UUID.fromString(admin.runWithInput(ROLE_PASSWORD + "\n", "server", "grant", "--clinic", "new",
                "--role", role, "--json").ok().json().get("clinic_id").asText());
    }

    String newRole() {
        String role = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        roles.add(role);
        return role;
    }

    String lastRole() {
        return roles.getLast();
    }

    /** The JDBC URL of the database as the given role. */
    String urlAs(String role) {
        return pg.jdbcUrl().replace("user=" + pg.user(), "user=" + role + "&password=" + ROLE_PASSWORD);
    }

    void execute(String... sql) {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (Exception e) {
            throw new AssertionError(String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    long count(String sql) {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pg.close();
        for (String role : roles) {
            try (Connection c = java.sql.DriverManager.getConnection(
                    System.getenv().getOrDefault("PRONTIVUS_TEST_PG_URL",
                            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
                 Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + role);
            } catch (Exception e) {
                // best effort: a leftover test role does no harm
            }
        }
    }
}
