package br.com.prontivus.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code migration_audit} table. It is created by the Migrator itself (not by a Flyway
 * migration) so it survives a rollback to an empty schema.
 */
final class MigrationAuditLog {

    static final String TABLE = "migration_audit";

    private static final String SQLITE_DDL = """
            CREATE TABLE IF NOT EXISTS migration_audit (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                occurred_at   TEXT NOT NULL,
                who           TEXT NOT NULL,
                device_id     TEXT,
                action        TEXT NOT NULL CHECK (action IN ('migrate', 'rollback', 'validate', 'snapshot')),
                from_version  TEXT,
                to_version    TEXT,
                duration_ms   INTEGER NOT NULL,
                outcome       TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
                detail        TEXT
            ) STRICT""";

    private static final String POSTGRES_DDL = """
            CREATE TABLE IF NOT EXISTS migration_audit (
                id            bigserial PRIMARY KEY,
                occurred_at   timestamptz NOT NULL,
                who           text NOT NULL,
                device_id     text,
                action        text NOT NULL CHECK (action IN ('migrate', 'rollback', 'validate', 'snapshot')),
                from_version  text,
                to_version    text,
                duration_ms   bigint NOT NULL,
                outcome       text NOT NULL CHECK (outcome IN ('success', 'failure')),
                detail        text
            )""";

    /** Serialises the first creation of the table among desktops sharing one server. */
    private static final long POSTGRES_DDL_LOCK = 0x70726f6e6d6967L; // "pronmig"

    private final Dialect dialect;

    MigrationAuditLog(Dialect dialect) {
        this.dialect = dialect;
    }

    void createIfMissing(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                c.setAutoCommit(false);
                s.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_DDL_LOCK + ")");
                s.execute(POSTGRES_DDL);
                c.commit();
            } else {
                s.execute(SQLITE_DDL);
            }
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    boolean exists(Connection c) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT to_regclass('" + TABLE + "') IS NOT NULL"
                : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    void append(Connection c, Instant at, MigrationActor actor, MigrationAction action, Optional<String> from,
                Optional<String> to, long durationMs, MigrationAuditEntry.Outcome outcome, String detail)
            throws SQLException {
        String sql = "INSERT INTO migration_audit (occurred_at, who, device_id, action, from_version, to_version,"
                + " duration_ms, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (dialect == Dialect.POSTGRESQL) {
                ps.setTimestamp(1, Timestamp.from(at));
            } else {
                ps.setString(1, at.toString());
            }
            ps.setString(2, actor.who());
            setNullable(ps, 3, actor.deviceId());
            ps.setString(4, action.columnValue());
            setNullable(ps, 5, from.orElse(null));
            setNullable(ps, 6, to.orElse(null));
            ps.setLong(7, durationMs);
            ps.setString(8, outcome.columnValue());
            setNullable(ps, 9, detail);
            ps.executeUpdate();
        }
    }

    /** Newest first. Empty when the table does not exist yet. */
    List<MigrationAuditEntry> latest(Connection c, int limit) throws SQLException {
        List<MigrationAuditEntry> entries = new ArrayList<>();
        if (!exists(c)) {
            return entries;
        }
        String sql = "SELECT id, occurred_at, who, device_id, action, from_version, to_version, duration_ms,"
                + " outcome, detail FROM migration_audit ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = dialect == Dialect.POSTGRESQL
                            ? rs.getTimestamp(2).toInstant() : Instant.parse(rs.getString(2));
                    entries.add(new MigrationAuditEntry(
                            rs.getLong(1), at, rs.getString(3), Optional.ofNullable(rs.getString(4)),
                            MigrationAction.fromColumn(rs.getString(5)),
                            Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                            rs.getLong(8), MigrationAuditEntry.Outcome.fromColumn(rs.getString(9)),
                            Optional.ofNullable(rs.getString(10))));
                }
            }
        }
        return entries;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
