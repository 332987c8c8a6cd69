package br.com.prontivus.app;

import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.store.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** How this installation reaches the central PostgreSQL, from the settings. */
public final class ServerLink {

    private ServerLink() {
    }

    /** Pool settings per DESIGN.md: max = size + overflow, min idle = size, timeouts in seconds. */
    public static PostgresDatabase.Connection poolFor(AppConfig config, PostgresTarget target) {
        var pool = config.pool();
        return new PostgresDatabase.Connection(target.jdbcUrl(), target.user(), target.password(), target.maskedUrl(),
                pool.maximumPoolSize(), pool.minimumIdle(), Duration.ofSeconds(pool.timeoutSeconds()),
                Duration.ofSeconds(pool.recycleSeconds()));
    }

    /** A pool sized for a one-shot command: it must not open twenty idle connections to run one query. */
    public static PostgresDatabase.Connection commandPoolFor(AppConfig config, PostgresTarget target) {
        var pool = config.pool();
        return new PostgresDatabase.Connection(target.jdbcUrl(), target.user(), target.password(), target.maskedUrl(),
                Math.min(4, pool.maximumPoolSize()), 0, Duration.ofSeconds(pool.timeoutSeconds()),
                Duration.ofSeconds(pool.recycleSeconds()));
    }

    /** Result of one reachability check. */
    public sealed interface Reachability {
        record Reachable(Duration latency, String serverVersion) implements Reachability {
        }

        record Unreachable(String reason) implements Reachability {
        }
    }

    /**
     * One direct connection attempt, bounded by DB_POOL_TIMEOUT: a refused connection answers at
     * once, a silent network after the timeout; never longer.
     */
    public static Reachability probe(AppConfig config, PostgresTarget target) {
        long start = System.nanoTime();
        try (Connection c = connect(config, target, "prontivus-probe");
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            String version = rs.getString(1);
            return new Reachability.Reachable(Duration.ofNanos(System.nanoTime() - start), version);
        } catch (SQLException e) {
            return new Reachability.Unreachable(PostgresDatabase.reason(e));
        }
    }

    /**
     * A direct connection outside the pool (probes, LISTEN), bounded by DB_POOL_TIMEOUT for connecting
     * and for each read.
     */
    public static Connection connect(AppConfig config, PostgresTarget target, String applicationName)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        if (target.password() != null) {
            props.setProperty("password", target.password());
        }
        int timeout = config.pool().timeoutSeconds();
        props.setProperty("connectTimeout", String.valueOf(timeout));
        props.setProperty("socketTimeout", String.valueOf(timeout));
        props.setProperty("loginTimeout", String.valueOf(timeout));
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }
}
