package br.com.prontivus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class SqliteStatementSplitterTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- header; with a semicolon
                DROP TABLE a;
                INSERT INTO t VALUES ('x;y', "odd;name", [br;acket], `back;tick`); /* block; comment */
                DROP TABLE b
                """;

        assertThat(SqliteStatementSplitter.split(script)).containsExactly(
                "-- header; with a semicolon\nDROP TABLE a",
                "INSERT INTO t VALUES ('x;y', \"odd;name\", [br;acket], `back;tick`)",
                "/* block; comment */\nDROP TABLE b");
    }

    @Test
    void keepsATriggerBodyWithCaseExpressionsInOneStatement() {
        String script = """
                CREATE TEMP TRIGGER t1 BEFORE DELETE ON x
                BEGIN
                    SELECT CASE WHEN old.id = 1 THEN RAISE(ABORT, 'no; never') END;
                    DELETE FROM y WHERE id = old.id;
                END;
                DROP TRIGGER t1;""";

        assertThat(SqliteStatementSplitter.split(script)).hasSize(2)
                .last().isEqualTo("DROP TRIGGER t1");
        assertThat(SqliteStatementSplitter.split(script).getFirst()).startsWith("CREATE TEMP TRIGGER").endsWith("END");
    }

    @Test
    void dropsStatementsMadeOnlyOfCommentsAndEscapedQuotesStayInside() {
        assertThat(SqliteStatementSplitter.split("-- only a comment\n;\n/* and; another */")).isEmpty();
        assertThat(SqliteStatementSplitter.split("SELECT 'it''s; fine'; SELECT 2"))
                .containsExactly("SELECT 'it''s; fine'", "SELECT 2");
    }

    @Test
    void splitsTheBundledRollbackScripts() throws Exception {
        var d1220 = AbstractMigratorTest.bundledScripts(Dialect.SQLITE)
                .resolve("D2026_11_25_1220__create_appointments_and_audit.sql");
        assertThat(SqliteStatementSplitter.split(Files.readString(d1220))).containsExactly(
                "DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_no_update",
                "DROP TABLE audit_log", "DROP TABLE appointments");
    }
}
