package br.com.prontivus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SqliteMigratorTest extends AbstractMigratorTest {

    private final AtomicInteger counter = new AtomicInteger();

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    List<Set<String>> objectsByVersion() {
        return List.of(
                Set.of("local_identity", "clinics", "devices", "staff_users"),
                Set.of("patients", "patient_search_terms", "practitioners"),
                Set.of("appointments", "audit_log"),
                Set.of("outbox"),
                Set.of("sync_state", "sync_conflicts"),
                Set.of(), // 1300: indexes only
                Set.of("monitor_thresholds", "monitor_samples", "monitor_check_state", "monitor_alerts"),
                Set.of(), // 1320: a column of patient_search_terms
                Set.of(), // 2026.11.26.0900: PostgreSQL only
                Set.of(), // 2026.11.26.1000: drops an index, rebuilds the outbox without AUTOINCREMENT
                Set.of(), // 2026.11.26.1100: respells CHECK constraints
                Set.of()); // 2026.11.26.1200: an index

    }

    @Override
    TestDatabase newDatabase() {
        Path file = tempDir.resolve("clinic-" + counter.incrementAndGet() + ".db");
        return new TestDatabase() {
            @Override
            public Migrator migrator(MigrationActor actor) {
                return Migrator.forSqlite(file, actor);
            }

            @Override
            public Migrator migrator(MigrationActor actor, String location) {
                return Migrator.forSqlite(file, actor, location);
            }

            @Override
            public Set<String> objects() throws SQLException {
                return userTables(file);
            }
        };
    }

    static Set<String> userTables(Path file) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('flyway_schema_history', 'migration_audit')")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void migratingAFileWithAnOlderVersionTakesASnapshotFirstAndNoneWhenNothingIsPending() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Clock clock = Clock.fixed(LocalDateTime.of(2026, 11, 25, 12, 34, 56).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Migrator migrator = Migrator.forSqlite(file, actor(), "classpath:" + Dialect.SQLITE.location(), clock);
        Path backups = tempDir.resolve("backups");

        MigrationOutcome first = migrator.run("2026.11.25.1210");
        assertThat(first.snapshot()).as("a new, empty file has nothing to keep").isEmpty();
        assertThat(backups).doesNotExist();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO patients (id, clinic_id, full_name, search_name, updated_at, updated_by)"
                    + " VALUES ('p1', 'c1', 'Maria da Silva', 'maria da silva', 1, 'd1')");
        }

        MigrationOutcome second = migrator.run();

        Path expected = backups.resolve("clinic.db-2026.11.25.1210-20261125-123456.db");
        assertThat(second.snapshot()).contains(expected);
        assertThat(second.versions()).containsExactly("2026.11.25.1220", "2026.11.25.1230", "2026.11.25.1240",
                "2026.11.25.1300", "2026.11.25.1310", "2026.11.25.1320", "2026.11.26.0900", "2026.11.26.1000",
                "2026.11.26.1100", "2026.11.26.1200");
        assertThat(expected).isRegularFile();
        assertThat(userTables(expected)).containsExactlyInAnyOrder(
                "local_identity", "clinics", "devices", "staff_users", "patients", "patient_search_terms", "practitioners");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + expected); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT max(version) FROM flyway_schema_history),"
                     + " (SELECT full_name FROM patients WHERE id = 'p1')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026.11.25.1210");
            assertThat(rs.getString(2)).isEqualTo("Maria da Silva");
        }
        MigrationAuditEntry snapshotRow = migrator.auditTrail(2).get(1);
        assertThat(snapshotRow.action()).isEqualTo(MigrationAction.SNAPSHOT);
        assertThat(snapshotRow.detail()).contains(expected.toString());

        MigrationOutcome third = migrator.run();
        assertThat(third.versions()).isEmpty();
        assertThat(third.snapshot()).isEmpty();
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files).containsExactly(expected);
        }

        MigrationOutcome down = migrator.rollback(Optional.empty());
        assertThat(down.snapshot()).contains(backups.resolve("clinic.db-" + LATEST + "-20261125-123456.db"));
        assertThat(userTables(down.snapshot().orElseThrow())).contains("outbox");
    }

    @Test
    void theOutboxLosesAutoincrementWithItsRowsAndOrderAndGetsItBackOnRollback() throws Exception {
        Path file = tempDir.resolve("outbox.db");
        Migrator migrator = Migrator.forSqlite(file, actor());
        migrator.run("2026.11.26.0900");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (int seq : new int[] {1, 2, 7}) {
                s.execute(outboxInsert(seq));
            }
            assertThat(scalar(c, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")).isEqualTo("7");
        }

        migrator.run();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'outbox'")).doesNotContain("AUTOINCREMENT");
            assertThat(scalar(c, "SELECT count(*) FROM sqlite_sequence WHERE name = 'outbox'"))
                    .as("no sqlite_sequence row to update on every insert").isEqualTo("0");
            assertThat(scalar(c, "SELECT group_concat(seq || ':' || op_id, ',') FROM (SELECT seq, op_id FROM outbox ORDER BY seq)"))
                    .isEqualTo("1:op-1,2:op-2,7:op-7");
            s.execute(outboxInsert(null));
            assertThat(scalar(c, "SELECT max(seq) FROM outbox")).as("a new entry still comes after every entry present")
                    .isEqualTo("8");
            assertThat(scalar(c, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'outbox' AND type = 'index'"
                    + " AND name IN ('ix_outbox_status', 'ix_outbox_row')")).isEqualTo("2");
        }

        migrator.rollback(Optional.of("2026.11.26.0900"));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'outbox'")).contains("AUTOINCREMENT");
            assertThat(scalar(c, "SELECT count(*) FROM outbox")).isEqualTo("4");
            s.execute(outboxInsert(null));
            assertThat(scalar(c, "SELECT max(seq) FROM outbox")).isEqualTo("9");
            assertThat(scalar(c, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")).isEqualTo("9");
        }
    }

    @Test
    void checkConstraintsLoseTheirInListsButRefuseTheSameValues() throws Exception {
        Path file = tempDir.resolve("checks.db");
        Migrator migrator = Migrator.forSqlite(file, actor());
        migrator.run("2026.11.26.1000");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("INSERT INTO patients (id, clinic_id, full_name, cpf, sex, search_name, updated_at, updated_by)"
                    + " VALUES ('p1', 'c1', 'Maria da Silva', '52998224725', 'female', 'maria da silva', 1, 'd1')");
            s.execute("INSERT INTO patient_search_terms (clinic_id, term, patient_id, search_name)"
                    + " VALUES ('c1', 'maria', 'p1', 'maria da silva'), ('c1', 'silva', 'p1', 'maria da silva')");
            s.execute("INSERT INTO practitioners (id, clinic_id, full_name, updated_at, updated_by)"
                    + " VALUES ('r1', 'c1', 'Dra. Ana', 1, 'd1')");
            s.execute(appointmentInsert("a1", "scheduled"));
            s.execute(outboxInsert(1));
        }

        migrator.run();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            for (String table : List.of("patients", "outbox", "appointments")) {
                assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = '" + table + "'"))
                        .as(table).doesNotContain(" IN (", " IN\n", "GLOB").contains(" OR ");
            }
            // Nothing was rewritten but the schema's text: rows, terms and indexes are as they were.
            assertThat(scalar(c, "SELECT count(*) FROM patient_search_terms WHERE patient_id = 'p1'")).isEqualTo("2");
            assertThat(scalar(c, "SELECT count(*) FROM appointments")).isEqualTo("1");
            assertThat(scalar(c, "PRAGMA integrity_check")).isEqualTo("ok");
            assertRefusesWhatTheListsRefused(s);
        }

        migrator.rollback(Optional.of("2026.11.26.1000"));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'patients'"))
                    .contains("sex IN ('female', 'male', 'intersex', 'unknown')", "cpf NOT GLOB '*[^0-9]*'");
            assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'outbox'"))
                    .contains("kind IN ('insert', 'update', 'delete')", "status IN ('pending', 'acknowledged', 'parked')");
            assertThat(scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'appointments'"))
                    .contains("status IN\n                        ('scheduled', 'confirmed'");
            assertThat(scalar(c, "PRAGMA integrity_check")).isEqualTo("ok");
            assertRefusesWhatTheListsRefused(s);
        }
    }

    /** Each rule accepts a good value and refuses a bad one, on a fresh connection (the schema as stored). */
    private static void assertRefusesWhatTheListsRefused(Statement s) throws SQLException {
        String patient = "INSERT INTO patients (id, clinic_id, full_name, cpf, sex, search_name, updated_at, updated_by)"
                + " VALUES ('%s', 'c1', 'X', %s, %s, 'x', 1, 'd1')";
        String id = java.util.UUID.randomUUID().toString();
        String cpf = String.format("'%011d'", java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000L));
        s.execute(patient.formatted(id, cpf, "'intersex'"));
        s.execute(patient.formatted(id + "-2", "NULL", "NULL"));
        for (String[] bad : new String[][] {{"'1114447773a'", "NULL"}, {"'1114447773'", "NULL"}, {"'111444777351'", "NULL"},
                {"'111.444.777-35'", "NULL"}, {"NULL", "'other'"}, {"NULL", "'Female'"}, {"NULL", "''"}}) {
            assertThatThrownBy(() -> s.execute(patient.formatted(java.util.UUID.randomUUID(), bad[0], bad[1])))
                    .as("cpf %s, sex %s", bad[0], bad[1]).hasMessageContaining("CHECK constraint failed");
        }
        s.execute(appointmentInsert(java.util.UUID.randomUUID().toString(), "no_show"));
        assertThatThrownBy(() -> s.execute(appointmentInsert(java.util.UUID.randomUUID().toString(), "late")))
                .hasMessageContaining("CHECK constraint failed");
        s.execute(outboxInsert(null));
        assertThatThrownBy(() -> s.execute(outboxInsert(null).replace("'insert'", "'merge'")))
                .hasMessageContaining("CHECK constraint failed");
        assertThatThrownBy(() -> s.execute("UPDATE outbox SET status = 'done'")).hasMessageContaining("CHECK constraint failed");
        s.execute("UPDATE outbox SET status = 'parked'");
    }

    private static String appointmentInsert(String id, String status) {
        return "INSERT INTO appointments (id, clinic_id, patient_id, practitioner_id, starts_at, ends_at, duration_minutes,"
                + " type, status, scheduled_at, updated_at, updated_by) VALUES ('" + id + "', 'c1', 'p1', 'r1',"
                + " '2026-12-01T09:00', '2026-12-01T09:30', 30, 'consulta', '" + status + "', '2026-11-26', 1, 'd1')";
    }

    private static String outboxInsert(Integer seq) {
        String id = seq == null ? "op-" + java.util.UUID.randomUUID() : "op-" + seq;
        return "INSERT INTO outbox (seq, op_id, clinic_id, table_name, row_id, kind, changed_fields, base_values,"
                + " row_after, hlc, checksum, created_at) VALUES (" + (seq == null ? "NULL" : seq) + ", '" + id
                + "', 'c1', 'patients', 'p1', 'insert', '[]', '{}', '{}', 1, 'x', '2026-11-26')";
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void noConnectionStaysOpenAfterACall() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path wal = tempDir.resolve("clinic.db-wal");
        Migrator migrator = Migrator.forSqlite(file, actor());

        migrator.run();
        assertNoOpenConnection(file, wal);
        migrator.status();
        assertNoOpenConnection(file, wal);
        migrator.validate();
        assertNoOpenConnection(file, wal);
        migrator.rollback(Optional.of("2026.11.25.1210"));
        assertNoOpenConnection(file, wal);
        migrator.auditTrail(10);
        assertNoOpenConnection(file, wal);
    }

    private static void assertNoOpenConnection(Path file, Path wal) throws SQLException {
        // SQLite removes the WAL file when the last connection to the database closes.
        assertThat(wal).as("WAL file left behind: a connection is still open").doesNotExist();
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = writer.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("CREATE TABLE IF NOT EXISTS writer_probe (x INTEGER)");
            s.execute("DROP TABLE writer_probe");
            s.execute("COMMIT");
        }
    }

    @Test
    void aNewMigrationCreatedByMigrationScriptsIsPickedUpAndCanBeRolledBack() throws Exception {
        Path scripts = copyScripts();
        Path root = scripts.getParent().resolve("root");
        Files.createDirectories(root);
        Files.move(scripts, root.resolve("sqlite"));
        Clock clock = Clock.fixed(LocalDateTime.of(2026, 12, 1, 9, 30).atZone(ZoneId.of("America/Sao_Paulo")).toInstant(),
                ZoneId.of("America/Sao_Paulo"));
        MigrationScripts.Created created = MigrationScripts.create(root, "add patient notes", clock);
        Files.writeString(created.sqliteUp(), "ALTER TABLE patients ADD COLUMN allergies TEXT;\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(created.sqliteDown(), "ALTER TABLE patients DROP COLUMN allergies;\n", java.nio.file.StandardOpenOption.APPEND);
        Path file = tempDir.resolve("clinic.db");
        Migrator migrator = Migrator.forSqlite(file, actor(), "filesystem:" + root.resolve("sqlite"));

        assertThat(migrator.run().versions()).endsWith("2026.12.01.0930");
        assertThat(columns(file)).contains("allergies");
        assertThat(migrator.rollback(Optional.empty()).versions()).containsExactly("2026.12.01.0930");
        assertThat(columns(file)).doesNotContain("allergies");
        assertThat(migrator.status().currentVersion()).contains(LATEST);
    }

    private static Set<String> columns(Path file) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('patients')")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }
}
