package br.com.prontivus.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import br.com.prontivus.testing.PostgresTestDatabase;

/** One throw-away database for the class; each test works in a schema of its own. */
class PostgresMigratorTest extends AbstractMigratorTest {

    private static PostgresTestDatabase database;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    List<Set<String>> objectsByVersion() {
        return List.of(
                Set.of("clinic_version", "clinics", "devices", "staff_users",
                        "function:assign_row_version"),
                Set.of("patients", "patient_search_terms", "practitioners"),
                Set.of("appointments", "audit_log", "function:audit_log_append_only"),
                Set.of("applied_ops"),
                Set.of("sync_conflicts", "clinic_members", "sync_horizon", "sync_compat",
                        "function:verify_op_checksum", "function:session_clinics"),
                Set.of(), // 1300: indexes only
                Set.of("monitor_thresholds", "monitor_samples", "monitor_check_state", "monitor_alerts"),
                Set.of(), // 1320: a column of patient_search_terms
                Set.of("function:reserve_row_versions", "function:release_row_versions"),
                Set.of(), // 2026.11.26.1000: SQLite only (drops an index there)
                Set.of(), // 2026.11.26.1100: SQLite only (respells CHECK constraints)
                Set.of()); // 2026.11.26.1200: SQLite only (an index)

    }

    @Override
    TestDatabase newDatabase() throws SQLException {
        String schema = "t" + SCHEMAS.incrementAndGet();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(database.jdbcUrl());
        ds.setCurrentSchema(schema);
        return new TestDatabase() {
            @Override
            public Migrator migrator(MigrationActor actor) {
                return Migrator.forPostgres(ds, actor);
            }

            @Override
            public Migrator migrator(MigrationActor actor, String location) {
                return Migrator.forPostgres(ds, actor, location);
            }

            @Override
            public Set<String> objects() throws SQLException {
                Set<String> objects = new LinkedHashSet<>();
                try (Connection c = database.connect();
                     PreparedStatement ps = c.prepareStatement("""
                             SELECT table_name FROM information_schema.tables
                              WHERE table_schema = ? AND table_type = 'BASE TABLE'
                                AND table_name NOT IN ('flyway_schema_history', 'migration_audit')
                             UNION ALL
                             SELECT 'function:' || p.proname FROM pg_proc p
                               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?""")) {
                    ps.setString(1, schema);
                    ps.setString(2, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            objects.add(rs.getString(1));
                        }
                    }
                }
                return objects;
            }
        };
    }
}
