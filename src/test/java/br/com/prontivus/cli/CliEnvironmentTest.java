package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings and a bad environment: each refused with one clear line, nothing changed. */
class CliEnvironmentTest {

    @TempDir
    Path home;

    @Test
    void malformedDatabaseUrlNamesTheSettingAndMasksThePassword() {
        CliHarness cli = new CliHarness(home);
        var r = cli.run("--database-url", "postgres://x:y@:70000/", "status").expect(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("DATABASE_URL").doesNotContain("x:y@").doesNotContain(":y@");
        assertThat(Files.exists(cli.db())).isFalse();

        cli.env.put("DATABASE_URL", "postgresql://u:s3cret@host:99999/db");
        var fromEnv = cli.run("patients", "list").expect(2);
        assertThat(fromEnv.err()).contains("DATABASE_URL").doesNotContain("s3cret");
    }

    @Test
    void unknownConflictStrategyIsRefused() {
        CliHarness cli = new CliHarness(home);
        var r = cli.run("--set", "SYNC_CONFLICT_RESOLUTION=last_write_wins", "status").expect(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("SYNC_CONFLICT_RESOLUTION", "last_write_wins", "newest_wins");
        cli.env.put("SYNC_CONFLICT_RESOLUTION", "whatever");
        assertThat(cli.run("patients", "list").expect(2).err()).contains("SYNC_CONFLICT_RESOLUTION");
    }

    @Test
    void corruptedSqliteFileIsNamedAndLeftUntouched() throws Exception {
        CliHarness cli = new CliHarness(home);
        Files.createDirectories(home);
        byte[] garbage = "this is not a database, just some bytes that happen to be here ".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(cli.db(), garbage);

        var r = cli.run("patients", "list").expect(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(cli.db().toString()).contains("untouched").doesNotContain("Exception");
        assertThat(Files.readAllBytes(cli.db())).isEqualTo(garbage);
        assertThat(Files.exists(Path.of(cli.db() + "-wal"))).isFalse();
        cli.run("migrate", "status", "--local").expect(1);
        assertThat(Files.readAllBytes(cli.db())).isEqualTo(garbage);
    }

    @Test
    void sqliteFileLockedByAnotherProcess() throws Exception {
        CliHarness cli = new CliHarness(home).init();
        cli.run("patients", "add", "--name", "Maria da Silva").ok();
        long patients = cli.count("SELECT count(*) FROM patients");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SqliteLockHolder.class.getName(), cli.db().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader childOut = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(childOut.readLine()).isEqualTo("locked");

            var r = cli.run("patients", "add", "--name", "José Santos").expect(1);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).contains("locked").contains(cli.db().toString()).doesNotContain("Exception");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(cli.count("SELECT count(*) FROM patients")).isEqualTo(patients);
        assertThat(cli.count("SELECT count(*) FROM sqlite_master WHERE name = 'lock_probe'")).isZero();
        cli.run("patients", "add", "--name", "José Santos").ok(); // works again once the lock is gone
    }

    @Test
    void unreachablePostgresLeavesTheDesktopWorkingOnSqlite() {
        CliHarness cli = new CliHarness(home);
        cli.env.put("DATABASE_URL", "postgresql://u:p4ss@127.0.0.1:1/db");
        cli.init();

        JsonNode status = cli.run("status", "--json").ok().json();
        assertThat(status.get("mode").asText()).isEqualTo("hybrid");
        assertThat(status.get("postgres").get("reachable").asBoolean()).isFalse();
        assertThat(status.get("postgres").get("reason").asText()).isNotBlank();
        assertThat(status.toString()).doesNotContain("p4ss");

        cli.run("patients", "add", "--name", "Maria da Silva", "--cpf", "12345678909").ok();
        assertThat(cli.count("SELECT count(*) FROM patients")).isEqualTo(1);
        assertThat(cli.count("SELECT count(*) FROM outbox WHERE status = 'pending' AND table_name = 'patients'"))
                .isEqualTo(1);
        assertThat(cli.run("status", "--json").ok().json().get("outbox").get("pending").asInt()).isPositive();

        // migrate: the local side still works, the server side is one clear line and exit 1
        var migrate = cli.run("migrate", "status").expect(1);
        assertThat(migrate.out()).contains("local:");
        assertThat(migrate.err().lines()).hasSize(1);
        assertThat(migrate.err()).contains("unreachable", "127.0.0.1:1").doesNotContain("p4ss");
        assertThat(cli.run("migrate", "status", "--local").ok().out()).contains("local:");
    }
}
