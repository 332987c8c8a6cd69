package br.com.prontivus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * The central PostgreSQL through HikariCP. Pool sizes follow DESIGN.md: maximum = size + overflow,
 * minimum idle = size, connection timeout and max lifetime from the settings. The pool starts
 * empty when the server is unreachable (no fail-fast), so the app can start offline.
 */
public final class PostgresDatabase implements Database {

    private final HikariDataSource dataSource;
    private final String label;
    private final Settings settings = JooqSettings.defaults();
    private volatile ExecuteListener listener;

    private PostgresDatabase(HikariDataSource dataSource, String label) {
        this.dataSource = dataSource;
        this.label = label;
    }

    /** What the pool needs to know; built by the app from its configuration. */
    public record Connection(String jdbcUrl, String user, String password, String label,
                             int maximumPoolSize, int minimumIdle, Duration connectionTimeout, Duration maxLifetime) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static PostgresDatabase open(Connection target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("prontivus-postgres");
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(target.maximumPoolSize());
        config.setMinimumIdle(Math.min(target.minimumIdle(), target.maximumPoolSize()));
        config.setConnectionTimeout(Math.max(250, target.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(5_000, target.connectionTimeout().toMillis() - 1)));
        config.setMaxLifetime(target.maxLifetime().toMillis());
        config.setInitializationFailTimeout(-1); // start even when the server is down; offline mode takes over
        config.setAutoCommit(true);
        // A socket that stops answering must not hang a sync cycle forever.
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, target.connectionTimeout().toSeconds())));
        config.addDataSourceProperty("socketTimeout", "120");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "prontivus");
        return new PostgresDatabase(new HikariDataSource(config), target.label());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Observes every statement run through {@link #read} and {@link #write} (the monitor's
     * timings); null removes it. Set it once, before the database is shared.
     */
    public void executeListener(ExecuteListener listener) {
        this.listener = listener;
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        try (java.sql.Connection c = connection()) {
            return work.apply(JooqSettings.using(c, SQLDialect.POSTGRES, settings, listener));
        } catch (SQLException e) {
            throw unavailable(e);
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public <T> T write(Function<DSLContext, T> work) {
        try (java.sql.Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(JooqSettings.using(c, SQLDialect.POSTGRES, settings, listener));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private java.sql.Connection connection() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw e;
        } catch (HikariPool.PoolInitializationException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
    }

    private static void rollbackQuietly(java.sql.Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari will evict it
        }
    }

    private RuntimeException translate(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        if (sql != null && isConnectionFailure(sql)) {
            return unavailable(sql);
        }
        return e;
    }

    /** SQLSTATE class 08 (connection), 57P01-03 (server shutting down), 28 (authentication). */
    public static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("28");
    }

    private StoreException.Unavailable unavailable(SQLException e) {
        return new StoreException.Unavailable("PostgreSQL at " + label + " is unavailable: " + reason(e), e);
    }

    /** A one-line reason, without the driver's stack of causes. */
    public static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
