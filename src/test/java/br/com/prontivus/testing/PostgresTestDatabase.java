package br.com.prontivus.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A throw-away PostgreSQL database for one test class, on the server named by
 * {@code PRONTIVUS_TEST_PG_URL} (a {@code jdbc:postgresql://host:port/db?user=..} URL of a role
 * allowed to create databases) or, when unset, the local server at 127.0.0.1:5432 as
 * {@code postgres}. Each instance creates a database with a random name and drops it on close,
 * so test classes never share state.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final String adminUrl;
    private final String name;
    private final String url;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = replaceDatabase(adminUrl, name);
    }

    public static PostgresTestDatabase create() {
        String admin = System.getenv().getOrDefault("PRONTIVUS_TEST_PG_URL", DEFAULT_ADMIN_URL);
        String name = "prontivus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + admin
                    + " (is PostgreSQL running? pg_ctlcluster --skip-systemctl-redirect 15 main start): "
                    + e.getMessage(), e);
        }
        return new PostgresTestDatabase(admin, name);
    }

    /** Full JDBC URL including the credentials of the fixture's role. */
    public String jdbcUrl() {
        return url;
    }

    public String name() {
        return name;
    }

    /** Host and port as seen in the admin URL, e.g. for building a TCP proxy in front. */
    public String hostPort() {
        String rest = adminUrl.substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** User of the admin URL (the fixture connects as this role). */
    public String user() {
        return queryParameter(url, "user", "postgres");
    }

    public String password() {
        return queryParameter(url, "password", null);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, new Properties());
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String prefix = jdbcUrl.substring(0, slash + 1);
        String suffix = query >= 0 ? jdbcUrl.substring(query) : "";
        return prefix + database + suffix;
    }

    private static String queryParameter(String jdbcUrl, String key, String fallback) {
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return fallback;
        }
        for (String pair : jdbcUrl.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }
}
