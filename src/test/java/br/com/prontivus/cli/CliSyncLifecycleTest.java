package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflicts resolved through the command line, local retention, the server purge that forces a
 * re-bootstrap, and a join of a few thousand rows interrupted midway and resumed.
 */
class CliSyncLifecycleTest {

    @TempDir
    Path dir;
    SyncFixture fx;
    UUID clinic;
    CliHarness a;
    CliHarness b;

    @BeforeEach
    void twoDesktops() {
        fx = new SyncFixture(dir);
        clinic = fx.setupAndGrant();
        a = fx.desktop("a", fx.urlAs(fx.lastRole()));
        a.env.put("SYNC_CONFLICT_RESOLUTION", "manual");
        a.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Sol", "--admin", "admin").ok();
        b = fx.desktop("b", fx.urlAs(fx.lastRole()));
        b.env.put("SYNC_CONFLICT_RESOLUTION", "manual");
    }

    @AfterEach
    void drop() {
        fx.close();
    }

    private String addPatient(CliHarness cli, String name) {
        return cli.run("patients", "add", "--name", name, "--json").ok().json().get("id").asText();
    }

    @Test
    void manualConflictIsListedShownResolvedOnOneDesktopAndReachesTheOther() {
        String maria = addPatient(a, "Maria da Silva");
        a.run("sync", "now").ok();
        b.run("init", "--join", clinic.toString()).ok();
        assertThat(b.run("conflicts", "list").ok().out()).contains("No conflicts");

        a.run("patients", "update", maria, "--phone", "1122223333").ok();
        b.run("patients", "update", maria, "--phone", "1144445555").ok();
        a.run("sync", "now").ok();
        JsonNode bSync = b.run("sync", "now", "--json").ok().json();
        assertThat(bSync.get("conflicts").asInt()).isEqualTo(1);

        JsonNode open = b.run("conflicts", "list", "--status", "open", "--json").ok().json();
        assertThat(open).hasSize(1);
        String id = open.get(0).get("id").asText();
        assertThat(open.get(0).get("table").asText()).isEqualTo("patients");
        assertThat(open.get(0).get("fields").toString()).contains("phone");
        assertThat(b.run("conflicts", "list", "--table", "appointments", "--json").ok().json()).isEmpty();
        assertThat(b.run("conflicts", "list").ok().out()).contains(id, "patients", "open");
        b.run("conflicts", "list", "--status", "closed").expect(2);

        JsonNode shown = b.run("conflicts", "show", id, "--json").ok().json();
        JsonNode phone = shown.get("fields").get(0);
        assertThat(phone.get("field").asText()).isEqualTo("phone");
        assertThat(phone.get("base").isNull()).isTrue();
        assertThat(phone.get("local").asText()).isEqualTo("1144445555");
        assertThat(phone.get("server").asText()).isEqualTo("1122223333");
        assertThat(phone.get("differs").asBoolean()).isTrue();
        assertThat(b.run("conflicts", "show", id).ok().out()).contains("FIELD", "BASE", "LOCAL", "SERVER", "* ",
                "1144445555", "1122223333");
        b.run("conflicts", "show", UUID.randomUUID().toString()).expect(3);
        b.run("conflicts", "show", "nope").expect(2);

        b.run("conflicts", "resolve", id, "--take", "local", "--field", "email=server").expect(2);
        b.run("conflicts", "resolve", id, "--take", "sideways").expect(2);
        JsonNode resolved = b.run("conflicts", "resolve", id, "--take", "server", "--field", "phone=local", "--json")
                .ok().json();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("resolved_by").asText()).isEqualTo("tester");
        assertThat(b.run("conflicts", "resolve", id, "--take", "server").expect(4).err()).contains("already resolved");

        b.run("sync", "now").ok();
        a.run("sync", "now").ok();
        assertThat(a.run("patients", "get", maria, "--json").ok().json().get("phone").asText()).isEqualTo("1144445555");
        JsonNode onA = a.run("conflicts", "list", "--status", "resolved", "--json").ok().json();
        assertThat(onA).extracting(n -> n.get("id").asText()).containsExactly(id);
        assertThat(a.run("conflicts", "list", "--status", "open", "--json").ok().json()).isEmpty();
        assertThat(a.run("sync", "verify").ok().out()).contains("Every table matches");
        assertThat(b.run("sync", "verify").ok().out()).contains("Every table matches");

        // Retention on B: only what is acknowledged and older than the horizon goes
        assertThat(b.run("offline", "cleanup", "--json").ok().json().get("total").asInt()).isZero();
        String jose = addPatient(b, "José Santos");
        b.run("sync", "now").ok();
        b.run("patients", "delete", jose).ok();
        b.run("sync", "now").ok();                       // an acknowledged tombstone
        String ana = addPatient(b, "Ana Lima");
        b.run("sync", "now").ok();
        b.run("patients", "delete", ana).ok();           // a tombstone whose delete is still queued
        long acknowledged = b.count("SELECT count(*) FROM outbox WHERE status = 'acknowledged'");
        long queued = b.count("SELECT count(*) FROM outbox WHERE status <> 'acknowledged'");
        assertThat(queued).isPositive();
        long longAgo = java.time.Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() << 16;
        sqlite(b, "UPDATE outbox SET acknowledged_at = '2000-01-01T00:00:00Z', created_at = '2000-01-01T00:00:00Z'",
                "UPDATE sync_conflicts SET resolved_at = '2000-01-01T00:00:00Z'",
                "UPDATE patients SET updated_at = " + longAgo + " WHERE deleted = 1");
        JsonNode cleanup = b.run("offline", "cleanup", "--json").ok().json();
        assertThat(cleanup.get("retention_days").asInt()).isEqualTo(30);
        assertThat(cleanup.get("removed").get("outbox_acknowledged").asLong()).isEqualTo(acknowledged);
        assertThat(cleanup.get("removed").get("conflicts_resolved").asInt()).isEqualTo(1);
        assertThat(cleanup.get("removed").get("tombstones.patients").asInt()).isEqualTo(1);
        assertThat(b.count("SELECT count(*) FROM patients WHERE id = '" + jose + "'")).isZero();
        assertThat(b.count("SELECT count(*) FROM patients WHERE id = '" + ana + "' AND deleted = 1")).isEqualTo(1);
        assertThat(b.count("SELECT count(*) FROM outbox WHERE status <> 'acknowledged'")).isEqualTo(queued);
        assertThat(b.count("SELECT count(*) FROM patients WHERE id = '" + maria + "'")).isEqualTo(1);
        assertThat(b.run("offline", "cleanup").ok().out()).contains("Removed 0");
        b.run("sync", "now").ok(); // the queued delete still goes out
        assertThat(fx.count("SELECT count(*) FROM patients WHERE id = '" + ana + "' AND deleted")).isEqualTo(1);
    }

    @Test
    void serverPurgeMovesTheHorizonAndADesktopBehindItReBootstraps() {
        String maria = addPatient(a, "Maria da Silva");
        String jose = addPatient(a, "José Santos");
        a.run("sync", "now").ok();
        b.run("init", "--join", clinic.toString()).ok();
        assertThat(b.count("SELECT count(*) FROM patients")).isEqualTo(2);

        a.run("patients", "delete", maria).ok();
        a.run("sync", "now").ok();
        fx.admin.run("server", "purge", "--clinic", clinic.toString(), "--older-than-days", "-1").expect(2);
        // nothing is old enough yet: nothing purged, the horizon does not move
        JsonNode none = fx.admin.run("server", "purge", "--clinic", clinic.toString(), "--older-than-days", "30",
                "--json").ok().json();
        assertThat(none.get("removed").get("tombstones.patients").asInt()).isZero();
        assertThat(none.get("purged_through").asLong()).isZero();

        JsonNode purged = fx.admin.run("server", "purge", "--clinic", clinic.toString(), "--older-than-days", "0",
                "--json").ok().json();
        assertThat(purged.get("removed").get("tombstones.patients").asInt()).isEqualTo(1);
        long horizon = purged.get("purged_through").asLong();
        assertThat(horizon).isPositive();
        assertThat(fx.count("SELECT count(*) FROM patients WHERE id = '" + maria + "'")).isZero();
        assertThat(fx.count("SELECT purged_through FROM sync_horizon WHERE clinic_id = '" + clinic + "'"))
                .isEqualTo(horizon);
        assertThat(fx.admin.run("server", "purge", "--clinic", clinic.toString(), "--older-than-days", "0").ok().out())
                .contains("Removed 0");

        // B never saw the delete and its cursor is below the horizon: it downloads the clinic again
        assertThat(b.count("SELECT pull_cursor FROM sync_state")).isLessThan(horizon);
        JsonNode again = b.run("sync", "now", "--json").ok().json();
        assertThat(again.get("rebootstrapped").asBoolean()).isTrue();
        assertThat(b.count("SELECT count(*) FROM patients WHERE id = '" + maria + "'")).isZero();
        assertThat(b.count("SELECT count(*) FROM patient_search_terms WHERE patient_id = '" + maria + "'")).isZero();
        assertThat(b.count("SELECT count(*) FROM patients WHERE id = '" + jose + "'")).isEqualTo(1);
        assertThat(b.run("sync", "verify").ok().out()).contains("Every table matches");
        // A saw the delete before the purge: no re-bootstrap; its own tombstone goes with local retention
        assertThat(a.run("sync", "now", "--json").ok().json().get("rebootstrapped").asBoolean()).isFalse();
    }

    @Test
    void joinOfAFewThousandRowsIsChunkedShowsProgressAndResumesAfterAnInterruption() throws Exception {
        int n = 3_000;
        StringBuilder csv = new StringBuilder("full_name,phone\n");
        for (int i = 0; i < n; i++) {
            csv.append("Paciente ").append(i).append(",11").append(900000000 + i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("patients.csv"), csv);
        a.run("import", "patients", file.toString()).ok();
        assertThat(a.run("sync", "now", "--json").ok().json().get("pushed").asInt()).isGreaterThanOrEqualTo(n);

        // First attempt: the process "dies" right after the third chunk was committed locally
        CrashingWriter err = new CrashingWriter("rows so far", 3);
        int code = run(b, err, "init", "--join", clinic.toString(), "--chunk-rows", "200");
        assertThat(code).as(err.text()).isEqualTo(1);
        assertThat(err.text()).contains("rows so far (cursor", "Download interrupted", "sync now");
        assertThat(err.text().split("rows so far", -1)).hasSize(4); // three chunks, then the crash
        long partial = b.count("SELECT count(*) FROM patients");
        assertThat(partial).isBetween(1L, (long) n - 1);
        long cursor = b.count("SELECT pull_cursor FROM sync_state");
        assertThat(cursor).isPositive();
        assertThat(b.count("SELECT count(*) FROM local_identity")).isEqualTo(1);

        // Resumed by the next sync: continues from the committed cursor, ends complete and verified
        JsonNode resumed = b.run("sync", "now", "--json").ok().json();
        long onServer = fx.count("SELECT (SELECT count(*) FROM clinics) + (SELECT count(*) FROM devices)"
                + " + (SELECT count(*) FROM staff_users) + (SELECT count(*) FROM patients)"
                + " + (SELECT count(*) FROM audit_log)");
        assertThat(resumed.get("pulled").asLong()).isLessThan(onServer).isPositive(); // not everything again
        assertThat(b.count("SELECT count(*) FROM patients")).isEqualTo(n);
        assertThat(b.count("SELECT count(*) FROM patient_search_terms WHERE term = 'paciente'")).isEqualTo(n);
        assertThat(b.run("sync", "verify").ok().out()).contains("Every table matches");
        // running the same join again just says it is there already
        assertThat(b.run("init", "--join", clinic.toString()).ok().out()).contains("already enrolled", "0 rows");
        b.run("init", "--join", clinic.toString(), "--chunk-rows", "10").expect(2);
    }

    /** Runs the command line on {@code cli}'s data directory with a given stderr. */
    private static int run(CliHarness cli, Writer err, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--home", cli.home.toString()));
        all.addAll(List.of(args));
        Cli runner = new Cli(Map.copyOf(cli.env), new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()), new PrintWriter(err),
                config -> Prontivus.open(config, new Prontivus.Options(Clock.systemUTC(), CliHarness.ZONE,
                        TestStores.FAST_HASHER, "tester", true)),
                (config, exitWhenReady) -> {
                    throw new AssertionError("no GUI in tests");
                });
        return runner.run(all.toArray(String[]::new));
    }

    /** A stderr that throws (like a crash) once {@code marker} has been written {@code times} times. */
    static final class CrashingWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final String marker;
        private final int times;
        private boolean crashed;

        CrashingWriter(String marker, int times) {
            this.marker = marker;
            this.times = times;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            if (!crashed && text.toString().split(java.util.regex.Pattern.quote(marker), -1).length - 1 >= times) {
                crashed = true;
                throw new IllegalStateException("simulated crash after a committed chunk");
            }
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static void sqlite(CliHarness cli, String... sql) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db()); var s = c.createStatement()) {
            for (String statement : sql) {
                s.executeUpdate(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
