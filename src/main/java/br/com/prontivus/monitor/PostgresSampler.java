package br.com.prontivus.monitor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL readings over one connection of its own, kept between samples and reopened when it
 * breaks: reachability and round-trip latency ({@code SELECT 1}), connections of the current
 * database by state ({@code pg_stat_activity}), cache hit ratio and transactions
 * ({@code pg_stat_database}, cumulative since the server's statistics reset, plus rates since the
 * previous sample) and the database size. Each reading fails alone; an unreachable server makes
 * them all "unavailable" and never throws.
 */
public final class PostgresSampler implements AutoCloseable {

    private final JdbcConnector connector;
    private Connection connection;
    private Counters previous;

    private record Counters(long nanos, long hit, long read, long commits, long rollbacks) {
    }

    public PostgresSampler(JdbcConnector connector) {
        this.connector = connector;
    }

    public synchronized MetricGroup sample() {
        MetricGroup g = new MetricGroup();
        g.put("server", connector.label());
        Connection c;
        double latencyMs;
        try {
            c = connection();
            latencyMs = ping(c);
        } catch (SQLException first) {
            closeConnection(); // a connection from before a server restart fails once: reconnect straight away
            try {
                long start = System.nanoTime();
                c = connection();
                g.put("connect_ms", ms(System.nanoTime() - start));
                latencyMs = ping(c);
            } catch (SQLException e) {
                closeConnection();
                String reason = MetricGroup.reason(e);
                g.put("reachable", false);
                g.put("error", reason);
                for (String key : new String[] {"latency_ms", "connections", "cache_hit_ratio", "xact_commit",
                        "xact_rollback", "database_size_bytes"}) {
                    g.unavailable(key, "server unreachable: " + reason);
                }
                return g;
            }
        }
        g.put("reachable", true);
        g.put("latency_ms", latencyMs);
        readConnections(c, g);
        readDatabaseStats(c, g);
        readSize(c, g);
        return g;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
        }
        return connection;
    }

    private double ping(Connection c) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = statement(c); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
        return ms(System.nanoTime() - start);
    }

    private Statement statement(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.setQueryTimeout(connector.queryTimeoutSeconds());
        return s;
    }

    private void readConnections(Connection c, MetricGroup g) {
        String sql = "SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() GROUP BY 1 ORDER BY 1";
        try (Statement s = statement(c); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Long> byState = new LinkedHashMap<>();
            long total = 0;
            while (rs.next()) {
                byState.put(rs.getString(1), rs.getLong(2));
                total += rs.getLong(2);
            }
            g.put("connections", total);
            g.put("connections_by_state", byState);
        } catch (SQLException e) {
            g.unavailable("connections", MetricGroup.reason(e));
        }
        try (Statement s = statement(c); ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int")) {
            rs.next();
            g.put("max_connections", rs.getInt(1));
        } catch (SQLException e) {
            g.unavailable("max_connections", MetricGroup.reason(e));
        }
    }

    private void readDatabaseStats(Connection c, MetricGroup g) {
        String sql = "SELECT blks_hit, blks_read, xact_commit, xact_rollback FROM pg_stat_database"
                + " WHERE datname = current_database()";
        try (Statement s = statement(c); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                for (String key : new String[] {"cache_hit_ratio", "xact_commit", "xact_rollback"}) {
                    g.unavailable(key, "no row for this database in pg_stat_database");
                }
                return;
            }
            Counters now = new Counters(System.nanoTime(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            if (now.hit + now.read > 0) {
                g.put("cache_hit_ratio", round4((double) now.hit / (now.hit + now.read)));
            } else {
                g.unavailable("cache_hit_ratio", "no blocks read since the statistics were reset");
            }
            g.put("xact_commit", now.commits);
            g.put("xact_rollback", now.rollbacks);
            if (previous != null && now.nanos > previous.nanos && now.commits >= previous.commits) {
                double seconds = (now.nanos - previous.nanos) / 1e9;
                long hit = now.hit - previous.hit;
                long read = now.read - previous.read;
                if (hit + read > 0) {
                    g.put("cache_hit_ratio_interval", round4((double) hit / (hit + read)));
                }
                g.put("commits_per_second", round4((now.commits - previous.commits) / seconds));
                g.put("rollbacks_per_second", round4((now.rollbacks - previous.rollbacks) / seconds));
            }
            previous = now;
        } catch (SQLException e) {
            String reason = MetricGroup.reason(e);
            g.unavailable("cache_hit_ratio", reason).unavailable("xact_commit", reason).unavailable("xact_rollback", reason);
        }
    }

    private void readSize(Connection c, MetricGroup g) {
        try (Statement s = statement(c); ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            g.put("database_size_bytes", rs.getLong(1));
        } catch (SQLException e) {
            g.unavailable("database_size_bytes", MetricGroup.reason(e));
        }
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
