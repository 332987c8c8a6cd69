package br.com.prontivus.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the prepared statements of ONE connection open between uses, keyed by SQL text. A
 * registration runs the same seven statements every time; re-preparing each of them
 * ({@code sqlite3_prepare}) was about a tenth of its time. The wrapped connection hands out a
 * cached statement when its SQL is not in use; closing it (as jOOQ does after every execution)
 * clears its parameters and batch and returns it to the cache instead of finalising it. A statement
 * that failed is really closed and forgotten, so a broken one is never handed out again.
 *
 * <p>Only for a connection used by one thread at a time (the writer, under its lock).
 */
final class StatementCache {

    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

    private final Connection connection;
    private final int capacity;
    /** SQL → idle statement; access order, so the least recently used is closed when full. */
    private final LinkedHashMap<String, PreparedStatement> idle;

    private StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.idle = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() > StatementCache.this.capacity) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** {@code connection} with its {@code prepareStatement(String)} served from a cache of {@code capacity} statements. */
    static Connection wrap(Connection connection, int capacity) {
        StatementCache cache = new StatementCache(connection, capacity);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, cache.connectionHandler());
    }

    private InvocationHandler connectionHandler() {
        return (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args.length == 1) {
                return checkOut((String) args[0]);
            }
            if (name.equals("close")) {
                idle.values().forEach(StatementCache::closeQuietly);
                idle.clear();
            }
            return invoke(connection, method, args);
        };
    }

    /** An idle statement for {@code sql} (removed from the cache while in use), or a newly prepared one. */
    private PreparedStatement checkOut(String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
        }
        PreparedStatement real = statement;
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new StatementHandler(sql, real));
    }

    private final class StatementHandler implements InvocationHandler {
        private final String sql;
        private final PreparedStatement real;
        private boolean closed;
        private boolean failed;

        StatementHandler(String sql, PreparedStatement real) {
            this.sql = sql;
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    giveBack();
                    return null;
                }
                case "isClosed" -> {
                    return closed;
                }
                case "getConnection" -> {
                    return connection;
                }
                default -> {
                    if (closed) {
                        throw new SQLException("The statement is closed");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        failed = true; // its state is unknown now: finalise it on close, never reuse it
                        throw e.getCause();
                    }
                }
            }
        }

        private void giveBack() {
            if (closed) {
                return;
            }
            closed = true;
            if (failed || idle.containsKey(sql)) {
                closeQuietly(real); // broken, or another statement with the same SQL was returned first
                return;
            }
            try {
                real.clearParameters();
                real.clearBatch();
                idle.put(sql, real);
            } catch (SQLException e) {
                LOG.debug("Could not reset a cached statement; closing it", e);
                closeQuietly(real);
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("Closing a cached statement failed", e);
        }
    }
}
