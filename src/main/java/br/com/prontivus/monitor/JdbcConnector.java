package br.com.prontivus.monitor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How the monitor reaches PostgreSQL: its own single connection, not the application's pool, so
 * that an outage is seen within a short timeout (the pool would wait DB_POOL_TIMEOUT) and the
 * monitor never takes a connection the sync engine needs.
 */
public interface JdbcConnector {

    Connection connect() throws SQLException;

    /** Where it connects, for messages (passwords masked). */
    String label();

    /** Seconds a statement may take before the server counts as unreachable. */
    default int queryTimeoutSeconds() {
        return 5;
    }

    static JdbcConnector of(String jdbcUrl, String user, String password, String label, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        return new JdbcConnector() {
            @Override
            public Connection connect() throws SQLException {
                Properties props = new Properties();
                if (user != null) {
                    props.setProperty("user", user);
                }
                if (password != null) {
                    props.setProperty("password", password);
                }
                props.setProperty("connectTimeout", String.valueOf(seconds));
                props.setProperty("loginTimeout", String.valueOf(seconds));
                props.setProperty("socketTimeout", String.valueOf(seconds * 2));
                props.setProperty("tcpKeepAlive", "true");
                props.setProperty("ApplicationName", "prontivus-monitor");
                Connection c = DriverManager.getConnection(jdbcUrl, props);
                c.setAutoCommit(true);
                return c;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public int queryTimeoutSeconds() {
                return seconds;
            }
        };
    }
}
