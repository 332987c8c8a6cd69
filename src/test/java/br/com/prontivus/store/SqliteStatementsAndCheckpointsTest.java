package br.com.prontivus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The writer's statement cache and the background WAL checkpoints, on a real SQLite file. */
class SqliteStatementsAndCheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void aClosedStatementIsReusedAndAFailedOneIsNot() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
             Connection c = StatementCache.wrap(raw, 4)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            }
            String insert = "INSERT INTO t (v) VALUES (?)";
            PreparedStatement first = c.prepareStatement(insert);
            PreparedStatement real = first.unwrap(PreparedStatement.class);
            first.setString(1, "a");
            first.executeUpdate();
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThatThrownBy(() -> first.setString(1, "x")).hasMessageContaining("closed");

            PreparedStatement second = c.prepareStatement(insert);
            assertThat(second.unwrap(PreparedStatement.class)).isSameAs(real); // no new sqlite3_prepare
            // The same SQL while the first is in use gets its own statement.
            PreparedStatement third = c.prepareStatement(insert);
            assertThat(third.unwrap(PreparedStatement.class)).isNotSameAs(real);
            second.setString(1, "b");
            second.executeUpdate();
            third.setString(1, "c");
            third.executeUpdate();
            second.close();
            third.close();

            // A statement that failed is finalised, not handed out again.
            PreparedStatement failing = c.prepareStatement(insert);
            PreparedStatement failingReal = failing.unwrap(PreparedStatement.class);
            failing.setNull(1, java.sql.Types.VARCHAR);
            assertThatThrownBy(failing::executeUpdate).hasMessageContaining("NOT NULL");
            failing.close();
            PreparedStatement after = c.prepareStatement(insert);
            assertThat(after.unwrap(PreparedStatement.class)).isNotSameAs(failingReal);
            after.close();

            try (PreparedStatement q = c.prepareStatement("SELECT group_concat(v, ',') FROM t");
                 ResultSet r = q.executeQuery()) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("a,b,c");
            }
        }
    }

    @Test
    void writesThroughTheCacheSeeTheirOwnParametersOnly() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("w.db"))) {
            db.write(dsl -> dsl.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)"));
            for (int i = 0; i < 50; i++) {
                int n = i;
                db.write(dsl -> dsl.insertInto(DSL.table("t"), DSL.field("k"), DSL.field("v"))
                        .values("k" + n, n % 2 == 0 ? "even" : null).execute());
            }
            int nulls = db.read(dsl -> dsl.fetchCount(DSL.table("t"), DSL.field("v").isNull()));
            int evens = db.read(dsl -> dsl.fetchCount(DSL.table("t"), DSL.field("v").eq("even")));
            assertThat(nulls).isEqualTo(25);
            assertThat(evens).isEqualTo(25);
        }
    }

    @Test
    @Timeout(30)
    void commitsAreCheckpointedInTheBackgroundNotInsideTheCommit() throws Exception {
        Path file = dir.resolve("ck.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            int autocheckpoint = db.write(dsl -> ((Number) dsl.fetchValue("PRAGMA wal_autocheckpoint")).intValue());
            assertThat(autocheckpoint).isEqualTo(Checkpointer.WRITER_AUTOCHECKPOINT_PAGES);
            db.write(dsl -> dsl.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
            long before = db.checkpoints();
            for (int i = 0; i < 20; i++) {
                int n = i;
                db.write(dsl -> dsl.execute("INSERT INTO t (v) VALUES (?)", "row " + n));
            }
            while (db.checkpoints() == before
                    || rowsInMainFileAlone(file) < 20) { // a checkpoint may have run between two writes
                Thread.sleep(10);
            }
            // The main file alone, without its WAL, holds every committed row: they were copied back
            // by the checkpoint thread (20 small commits are far below the writer's own threshold).
            assertThat(rowsInMainFileAlone(file)).isEqualTo(20);
        }
    }

    private long rowsInMainFileAlone(Path file) throws Exception {
        Path copy = dir.resolve("copy-" + System.nanoTime() + ".db");
        Files.copy(file, copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement()) {
            try (ResultSet tables = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
                tables.next();
                if (tables.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
