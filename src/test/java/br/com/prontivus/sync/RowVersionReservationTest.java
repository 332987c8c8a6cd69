package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 2026.11.26.0900: a push reserves its versions with one counter update and the trigger
 * hands them out. Versions must stay unique and increasing per clinic, become visible in commit
 * order whether the other writer reserves or not (invariant 3), and the committed counter must be
 * the newest visible version (the idle cycle skips its pull on it).
 */
class RowVersionReservationTest {

    @TempDir
    static Path dir;

    private static SyncWorld world;

    @BeforeAll
    static void server() {
        world = SyncWorld.create(dir);
    }

    @AfterAll
    static void close() {
        world.close();
    }

    @Test
    void reservedVersionsAreHandedOutInOrderAndTheUnusedRestIsReleased() throws Exception {
        UUID clinic = UUID.randomUUID();
        try (Connection c = world.admin()) {
            insert(c, clinic, "antes"); // counter at 1
            c.setAutoCommit(false);
            assertThat(reserve(c, clinic, 5)).isEqualTo(2);
            List<Long> versions = List.of(insert(c, clinic, "a"), insert(c, clinic, "b"), insert(c, clinic, "c"));
            assertThat(versions).containsExactly(2L, 3L, 4L);
            assertThat(release(c, clinic)).isEqualTo(4L);
            assertThat(counter(c, clinic)).as("the two unused versions went back").isEqualTo(4);
            assertThat(insert(c, clinic, "after release")).as("no reservation left: the counter").isEqualTo(5);
            c.commit();
            assertThat(insert(c, clinic, "next transaction")).isEqualTo(6);
            c.commit();
            assertThat(counter(c, clinic)).isEqualTo(maxVersion(c, clinic));
        }
    }

    @Test
    void anExhaustedReservationFallsBackToTheCounter() throws Exception {
        UUID clinic = UUID.randomUUID();
        try (Connection c = world.admin()) {
            c.setAutoCommit(false);
            assertThat(reserve(c, clinic, 2)).as("a new clinic starts at 1").isEqualTo(1);
            List<Long> versions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                versions.add(insert(c, clinic, "p" + i));
            }
            assertThat(versions).containsExactly(1L, 2L, 3L, 4L);
            assertThat(release(c, clinic)).isEqualTo(2L); // everything reserved was used
            assertThat(counter(c, clinic)).as("a used-up reservation gives nothing back").isEqualTo(4);
            c.commit();
        }
    }

    @Test
    void aReservationBelongsToItsClinicAndItsTransaction() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Connection c = world.admin()) {
            insert(c, other, "other clinic"); // other's counter at 1
            c.setAutoCommit(false);
            reserve(c, mine, 10);
            assertThat(insert(c, other, "not from my reservation")).isEqualTo(2);
            assertThat(insert(c, mine, "mine")).isEqualTo(1);
            c.rollback();
            assertThat(counter(c, mine)).as("rolled back with the transaction").isEqualTo(-1);
            reserve(c, mine, 3);
            c.commit();
            assertThat(release(c, mine)).as("a committed reservation is gone").isNull();
            c.commit();
            // Nothing used and nothing released before commit: a gap of three unused numbers. Harmless
            // (no row carries them), and the next writer continues after them.
            assertThat(insert(c, mine, "plain")).isEqualTo(4);
            c.commit();
        }
    }

    /** Two pushers of one clinic, each reserving: the second waits for the first's commit. */
    @Test
    void concurrentReservationsOfOneClinicCommitInVersionOrder() throws Exception {
        assertCommitOrder(true);
    }

    /** A pusher with a reservation and a plain SQL writer without one. */
    @Test
    void aPlainWriterWaitsBehindAReservationAndContinuesAfterIt() throws Exception {
        assertCommitOrder(false);
    }

    private static void assertCommitOrder(boolean secondReserves) throws Exception {
        UUID clinic = UUID.randomUUID();
        try (Connection first = world.admin(); Connection second = world.admin(); Connection watcher = world.admin()) {
            insert(watcher, clinic, "seed");
            first.setAutoCommit(false);
            reserve(first, clinic, 100);
            long a1 = insert(first, clinic, "first 1");
            long a2 = insert(first, clinic, "first 2");
            second.setAutoCommit(false);
            int secondPid = pid(second);
            CompletableFuture<List<Long>> other = CompletableFuture.supplyAsync(() -> {
                try {
                    List<Long> mine = new ArrayList<>();
                    if (secondReserves) {
                        reserve(second, clinic, 3);
                    }
                    mine.add(insert(second, clinic, "second 1"));
                    mine.add(insert(second, clinic, "second 2"));
                    if (secondReserves) {
                        release(second, clinic);
                    }
                    second.commit();
                    return mine;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waitUntilBlocked(watcher, secondPid);
            assertThat(other).as("the second writer waits on the counter row").isNotDone();
            assertThat(visibleVersions(watcher, clinic)).as("nothing of either is visible yet").containsExactly(1L);
            long a3 = insert(first, clinic, "first 3");
            release(first, clinic);
            first.commit();
            List<Long> b = other.get(30, TimeUnit.SECONDS);
            assertThat(List.of(a1, a2, a3)).containsExactly(2L, 3L, 4L);
            assertThat(b).as("continues right after the first writer's last used version").containsExactly(5L, 6L);
            assertThat(visibleVersions(watcher, clinic)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(counter(watcher, clinic)).isEqualTo(6);
        }
    }

    /** Pushes through the engine (inserts, updates, conflicts): the counter ends at the newest row. */
    @Test
    void afterEnginePushesTheCounterIsTheNewestVisibleVersion() {
        Desktop a = world.first("res-a", SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "manual"));
        Desktop b = world.joined("res-b", a.clinicId(), SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "manual"));
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            patients.add(Edits.register(a, "Reserva " + i));
        }
        requireOk(a.sync());
        requireOk(b.sync());
        for (int i = 0; i < 20; i++) {
            Edits.set(a, patients.get(i).id(), "notes", "a" + i);
            if (i % 2 == 0) {
                Edits.set(b, patients.get(i).id(), "notes", "b" + i); // a same-field conflict
            }
        }
        requireOk(a.sync());
        SyncEngine.Report pushed = requireOk(b.sync());
        assertThat(pushed.conflicts()).isEqualTo(10);
        requireOk(a.sync());
        long counter = world.count("SELECT last_version FROM clinic_version WHERE clinic_id = '" + a.clinicId() + "'");
        StringBuilder union = new StringBuilder("SELECT max(v) FROM (");
        for (SyncedTable t : Schema.SYNCED_TABLES) {
            if (union.charAt(union.length() - 1) != '(') {
                union.append(" UNION ALL ");
            }
            union.append("SELECT max(row_version) AS v FROM ").append(t.name())
                    .append(" WHERE clinic_id = '").append(a.clinicId()).append("'");
        }
        assertThat(counter).isEqualTo(world.count(union.append(") x").toString()));
        long versions = world.count("SELECT count(*) FROM (SELECT row_version FROM patients WHERE clinic_id = '"
                + a.clinicId() + "' UNION ALL SELECT row_version FROM audit_log WHERE clinic_id = '" + a.clinicId()
                + "' UNION ALL SELECT row_version FROM sync_conflicts WHERE clinic_id = '" + a.clinicId() + "') x");
        long distinct = world.count("SELECT count(DISTINCT row_version) FROM (SELECT row_version FROM patients WHERE clinic_id = '"
                + a.clinicId() + "' UNION ALL SELECT row_version FROM audit_log WHERE clinic_id = '" + a.clinicId()
                + "' UNION ALL SELECT row_version FROM sync_conflicts WHERE clinic_id = '" + a.clinicId() + "') x");
        assertThat(distinct).as("no version given twice").isEqualTo(versions);
        // Both desktops are up to date: their next cycles skip the pull on the counter alone.
        assertThat(requireOk(a.sync()).pulled()).isZero();
        assertThat(requireOk(b.sync()).cursor()).isEqualTo(counter);
    }

    /**
     * A plain writer (cloud-mode service, admin SQL) locks a row and then, through the version
     * trigger, the counter row. A pusher waiting for that row must not hold the counter meanwhile,
     * or the two deadlock: it locks the rows it merges before it reserves versions.
     */
    @Test
    void aPusherWaitingForARowLockHoldsNoCounterLock() throws Exception {
        Desktop a = world.first("lock-a", SyncWorld.settings());
        Patient p = Edits.register(a, "Ordem de Travas");
        requireOk(a.sync());
        Edits.set(a, p.id(), "notes", "from the desktop");
        try (Connection writer = world.admin(); Connection watcher = world.admin()) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement("SELECT 1 FROM patients WHERE id = ? FOR UPDATE")) {
                s.setObject(1, p.id());
                s.executeQuery().close();
            }
            CompletableFuture<SyncEngine.Report> push = CompletableFuture.supplyAsync(a::sync);
            waitUntilAnotherBackendWaitsOnALock(watcher, pid(writer), pid(watcher));
            try (PreparedStatement s = writer.prepareStatement(
                    "SELECT last_version FROM clinic_version WHERE clinic_id = ? FOR UPDATE NOWAIT")) {
                s.setObject(1, a.clinicId());
                s.executeQuery().close(); // fails ("could not obtain lock") if the waiting pusher holds the counter
            }
            try (PreparedStatement s = writer.prepareStatement("UPDATE patients SET email = 'plain@example.com' WHERE id = ?")) {
                s.setObject(1, p.id());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            writer.commit();
            SyncEngine.Report pushed = requireOk(push.get(60, TimeUnit.SECONDS));
            assertThat(pushed.pushed()).as("the edit and its audit entry").isEqualTo(2);
        }
        assertThat(world.count("SELECT count(*) FROM patients WHERE id = '" + p.id()
                + "' AND notes = 'from the desktop' AND email = 'plain@example.com'")).isEqualTo(1);
    }

    private static void waitUntilAnotherBackendWaitsOnALock(Connection watcher, int... except) throws Exception {
        waitUntilWaitingOnALock(watcher, "datname = current_database() AND pid <> ALL (?)",
                watcher.createArrayOf("int4", java.util.Arrays.stream(except).boxed().toArray()),
                "the pusher never waited on a lock");
    }

    private static long reserve(Connection c, UUID clinic, int n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reserve_row_versions(?, ?)")) {
            s.setObject(1, clinic);
            s.setInt(2, n);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Long release(Connection c, UUID clinic) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT release_row_versions(?)")) {
            s.setObject(1, clinic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    /** A plain SQL insert (as admin SQL would make it); returns the version the trigger gave it. */
    private static long insert(Connection c, UUID clinic, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO patients (id, clinic_id, full_name, search_name,"
                + " updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?) RETURNING row_version")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, clinic);
            s.setString(3, name);
            s.setString(4, name);
            s.setObject(5, clinic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long counter(Connection c, UUID clinic) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_version FROM clinic_version WHERE clinic_id = ?")) {
            s.setObject(1, clinic);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static long maxVersion(Connection c, UUID clinic) throws SQLException {
        List<Long> v = visibleVersions(c, clinic);
        return v.isEmpty() ? -1 : v.getLast();
    }

    private static List<Long> visibleVersions(Connection c, UUID clinic) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT row_version FROM patients WHERE clinic_id = ? ORDER BY row_version")) {
            s.setObject(1, clinic);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void waitUntilBlocked(Connection watcher, int pid) throws Exception {
        waitUntilWaitingOnALock(watcher, "pid = ?", pid, "the second writer never waited on a lock");
    }

    /** Polls pg_stat_activity until a backend matching {@code backends} waits on a lock. */
    private static void waitUntilWaitingOnALock(Connection watcher, String backends, Object parameter, String failure)
            throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try (PreparedStatement s = watcher.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND " + backends)) {
                s.setObject(1, parameter);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(failure);
    }
}
