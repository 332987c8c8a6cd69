package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server setup|grant|purge, init (create and join), sync now|status|verify, offline, connection and
 * status through the command line, against a real PostgreSQL with clinic roles under row-level security.
 */
class CliSyncCommandsTest {

    @TempDir
    Path dir;
    SyncFixture fx;

    @BeforeEach
    void server() {
        fx = new SyncFixture(dir);
    }

    @AfterEach
    void drop() {
        fx.close();
    }

    private String addPatient(CliHarness cli, String name) {
        return cli.run("patients", "add", "--name", name, "--json").ok().json().get("id").asText();
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.get("full_name").asText()));
        return names;
    }

    @Test
    void setupGrantCreateJoinAndSync() {
        var setup = fx.admin.run("server", "setup").ok();
        assertThat(setup.out()).contains("migrated from (empty)", "Row-level security");
        assertThat(fx.admin.run("server", "setup").ok().out()).contains("nothing to migrate");
        assertThat(fx.admin.home.resolve("prontivus.db")).doesNotExist(); // server commands never touch a local file

        String role = fx.newRole();
        var granted = fx.admin.runWithInput(SyncFixture.ROLE_PASSWORD + "\n", "server", "grant", "--clinic", "new",
                "--role", role, "--json").ok().json();
        UUID clinic = UUID.fromString(granted.get("clinic_id").asText());
        assertThat(clinic.version()).isEqualTo(7);
        assertThat(granted.get("database_url").asText()).startsWith("postgresql://" + role + ":PASSWORD@");
        assertThat(fx.admin.runWithInput("short\n", "server", "grant", "--clinic", clinic.toString(), "--role", role)
                .expect(2).err()).contains("12 characters");
        fx.admin.runWithInput(SyncFixture.ROLE_PASSWORD + "\n", "server", "grant", "--clinic", "not-a-uuid").expect(2);

        // A desktop of that role: init finds the granted clinic id by itself and pushes the clinic at once
        CliHarness a = fx.desktop("a", fx.urlAs(role));
        var created = a.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Sol", "--admin",
                "admin", "--json").ok().json();
        assertThat(created.get("clinic_id").asText()).isEqualTo(clinic.toString());
        assertThat(created.get("server").get("pushed").asBoolean()).isTrue();
        assertThat(fx.count("SELECT count(*) FROM clinics WHERE id = '" + clinic + "'")).isEqualTo(1);

        String maria = addPatient(a, "Maria da Silva");
        JsonNode now = a.run("sync", "now", "--json").ok().json();
        assertThat(now.get("ok").asBoolean()).isTrue();
        assertThat(now.get("pushed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(a.run("sync", "now").ok().out()).contains("Pushed 0 changes");

        // A second desktop joins without any password and gets the data
        CliHarness b = fx.desktop("b", fx.urlAs(role));
        var joined = b.run("init", "--join", clinic.toString()).ok();
        assertThat(joined.out()).contains("enrolled in clinic " + clinic, "Clínica Sol is on this desktop");
        assertThat(names(b.run("patients", "list", "--json").ok().json())).containsExactly("Maria da Silva");
        b.run("init", "--join", UUID.randomUUID().toString()).expect(4); // already belongs to a clinic

        // A third desktop cannot join a clinic its role cannot see, nor create one its role was not granted
        CliHarness c = fx.desktop("c", fx.urlAs(role));
        assertThat(c.run("init", "--join", UUID.randomUUID().toString()).expect(3).err()).contains("has no clinic");
        assertThat(c.home.resolve("prontivus.db")).exists();
        assertThat(c.count("SELECT count(*) FROM local_identity")).isZero();
        assertThat(c.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Outra", "--admin", "admin",
                "--clinic-id", UUID.randomUUID().toString()).expect(4).err()).contains("may not write clinic");
        assertThat(c.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Outra", "--admin", "admin",
                "--clinic-id", clinic.toString()).expect(4).err()).contains("init --join " + clinic);
        c.run("init", "--join", clinic.toString(), "--clinic", "x").expect(2);
        c.run("init").expect(2);

        // status, sync status, connection status
        JsonNode status = b.run("sync", "status", "--json").ok().json();
        assertThat(status.get("link").get("state").asText()).isIn("ONLINE", "DEGRADED");
        assertThat(status.get("pending").asInt()).isZero();
        assertThat(status.get("parked").asInt()).isZero();
        assertThat(status.get("open_conflicts").asInt()).isZero();
        assertThat(status.get("cursor").asLong()).isPositive();
        assertThat(status.get("last_pull_at").isNull()).isFalse();
        assertThat(status.get("last_success_at").isNull()).isFalse();
        assertThat(status.get("server_schema").asText()).isNotBlank();
        JsonNode overall = a.run("status", "--json").ok().json().get("sync");
        assertThat(overall.get("link").asText()).isIn("ONLINE", "DEGRADED");
        assertThat(overall.get("last_push_at").isNull()).isFalse();
        assertThat(overall.get("pending").asInt()).isZero();
        assertThat(a.run("status").ok().out()).contains("sync:", "open_conflicts: 0");
        JsonNode link = a.run("connection", "status", "--json").ok().json();
        assertThat(link.get("state").asText()).isIn("ONLINE", "DEGRADED");
        assertThat(link.get("latency_ms").asDouble()).isPositive();
        assertThat(link.get("server").asText()).doesNotContain(SyncFixture.ROLE_PASSWORD);
        assertThat(a.run("connection", "status").ok().out()).containsAnyOf("ONLINE", "DEGRADED");

        // an edit on B reaches A; offline queue views on the way
        b.run("patients", "update", maria, "--phone", "11987654321").ok();
        JsonNode offline = b.run("offline", "status", "--json").ok().json();
        assertThat(offline.get("pending").asInt()).isEqualTo(2); // the patient's change and its audit entry
        JsonNode ops = b.run("offline", "operations", "--json").ok().json();
        assertThat(ops).extracting(o -> o.get("table").asText()).containsExactlyInAnyOrder("patients", "audit_log");
        JsonNode op = ops.get(0).get("table").asText().equals("patients") ? ops.get(0) : ops.get(1);
        assertThat(op.get("changed_fields").toString()).contains("phone");
        assertThat(op.get("status").asText()).isEqualTo("pending");
        assertThat(b.run("offline", "operations", "--status", "parked", "--json").ok().json()).isEmpty();
        assertThat(b.run("offline", "operations").ok().out()).contains("SEQ", "patients", "pending");
        b.run("offline", "operations", "--status", "lost").expect(2);
        b.run("sync", "now").ok();
        a.run("sync", "now").ok();
        assertThat(a.run("patients", "get", maria, "--json").ok().json().get("phone").asText()).isEqualTo("11987654321");
        assertThat(a.run("sync", "verify").ok().out()).contains("Every table matches");
        assertThat(b.run("sync", "verify", "--json").ok().json().get("match").asBoolean()).isTrue();
    }

    @Test
    void unreachableServerKeepsTheQueueAndRefusalIsExitFour() {
        UUID clinic = fx.setupAndGrant();
        CliHarness a = fx.desktop("a", fx.urlAs(fx.lastRole()));
        a.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Sol", "--admin", "admin").ok();
        addPatient(a, "Maria da Silva");

        // incompatible server: refused with the reason, exit 4, queue kept
        fx.execute("UPDATE sync_compat SET min_protocol = 2, max_protocol = 2");
        var refused = a.run("sync", "now").expect(4);
        assertThat(refused.err()).contains("Sync refused", "protocol");
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(a.run("sync", "now", "--json").expect(4).json().get("refused").asBoolean()).isTrue();
        int queued = a.run("offline", "status", "--json").ok().json().get("pending").asInt();
        assertThat(queued).isGreaterThanOrEqualTo(2); // the patient and its audit entry at least
        assertThat(a.run("sync", "status", "--json").ok().json().get("last_error").asText()).contains("protocol");
        fx.execute("UPDATE sync_compat SET min_protocol = 1, max_protocol = 1");

        // the same data directory with the server unreachable: exit 1 with the reason, queue kept
        CliHarness down = new CliHarness(a.home);
        down.env.putAll(a.env);
        down.env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/prontivus?user=nobody");
        var failed = down.run("sync", "now").expect(1);
        assertThat(failed.err()).contains("Sync failed", "stay queued");
        assertThat(down.run("sync", "status", "--json").ok().json().get("link").get("state").asText()).isEqualTo("OFFLINE");
        JsonNode offlineLink = down.run("connection", "status", "--json", "--samples", "1").ok().json();
        assertThat(offlineLink.get("state").asText()).isEqualTo("OFFLINE");
        assertThat(offlineLink.get("error").asText()).isNotBlank();
        assertThat(down.run("status", "--json").ok().json().get("sync").get("pending").asInt()).isEqualTo(queued);
        assertThat(a.run("sync", "now", "--json").ok().json().get("pushed").asInt()).isEqualTo(queued);
        assertThat(fx.count("SELECT count(*) FROM patients WHERE clinic_id = '" + clinic + "'")).isEqualTo(1);

        // init against an unreachable server works offline and says the clinic will be pushed later
        CliHarness later = fx.desktop("later", "jdbc:postgresql://127.0.0.1:1/prontivus?user=nobody");
        var created = later.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Lua",
                "--admin", "admin").ok();
        assertThat(created.out()).contains("Not pushed to the server yet", "next sync");
        assertThat(later.run("init", "--join", clinic.toString()).expect(4).err()).contains("already belongs");

        // without any server: sync is refused as an invalid state, offline views still work
        CliHarness alone = new CliHarness(dir.resolve("alone")).init();
        assertThat(alone.run("sync", "now").expect(4).err()).contains("no server configured");
        assertThat(alone.run("sync", "status", "--json").ok().json().get("link").get("state").asText()).isEqualTo("OFFLINE");
        assertThat(alone.run("init", "--join", clinic.toString()).expect(2).err()).contains("--join needs a server");
    }

    @Test
    void verifyDetectsADivergenceMadeOnTheServerAndRepairRePullsKeepingQueuedChanges() {
        UUID clinic = fx.setupAndGrant();
        CliHarness a = fx.desktop("a", fx.urlAs(fx.lastRole()));
        a.runWithInput(CliHarness.ADMIN_PASSWORD + "\n", "init", "--clinic", "Clínica Sol", "--admin", "admin").ok();
        String maria = addPatient(a, "Maria da Silva");
        String jose = addPatient(a, "José Santos");
        String ana = addPatient(a, "Ana Lima");
        String doctor = a.run("practitioners", "add", "--name", "Dr. João", "--json").ok().json().get("id").asText();
        a.run("sync", "now").ok();
        assertThat(a.run("sync", "verify", "--json").ok().json().get("match").asBoolean()).isTrue();

        // A superuser changes and removes server rows behind the protocol's back (no version bump)
        fx.execute("SET session_replication_role = replica",
                "UPDATE patients SET phone = '1133334444' WHERE id = '" + maria + "'",
                "DELETE FROM practitioners WHERE id = '" + doctor + "'");
        // ...and Ana has a local change that cannot be pushed now (parked): it must survive the repair
        a.run("patients", "update", ana, "--phone", "11999990000").ok();
        setOutboxStatus(a, ana, "parked");
        a.run("sync", "now").ok(); // nothing to push or pull: the cursor cannot see the server's edit

        var divergent = a.run("sync", "verify", "--json").expect(4);
        JsonNode v = divergent.json();
        assertThat(v.get("match").asBoolean()).isFalse();
        assertThat(divergent.err()).contains("patients", "practitioners", "--repair");
        JsonNode patients = table(v.get("tables"), "patients");
        assertThat(patients.get("match").asBoolean()).isFalse();
        assertThat(patients.get("different").toString()).contains(maria);
        assertThat(patients.get("skipped").asInt()).isEqualTo(1); // Ana: queued locally
        assertThat(table(v.get("tables"), "practitioners").get("only_local").toString()).contains(doctor);
        assertThat(table(v.get("tables"), "clinics").get("match").asBoolean()).isTrue();
        var text = a.run("sync", "verify").expect(4);
        assertThat(text.out()).contains("TABLE", "patients", "NO", "different");

        JsonNode repaired = a.run("sync", "verify", "--repair", "--json").ok().json();
        assertThat(repaired.get("repaired").asBoolean()).isTrue();
        assertThat(repaired.get("match").asBoolean()).isTrue();
        assertThat(a.string("SELECT phone FROM patients WHERE id = '" + maria + "'")).isEqualTo("1133334444");
        assertThat(a.count("SELECT count(*) FROM practitioners WHERE id = '" + doctor + "'")).isZero();
        assertThat(a.string("SELECT phone FROM patients WHERE id = '" + ana + "'")).isEqualTo("11999990000");
        assertThat(a.string("SELECT phone FROM patients WHERE id = '" + jose + "'")).isNull();
        assertThat(a.count("SELECT count(*) FROM outbox WHERE status = 'parked'")).isEqualTo(1);
        assertThat(a.run("sync", "verify").ok().out()).contains("Every table matches");
        assertThat(fx.count("SELECT count(*) FROM patients WHERE clinic_id = '" + clinic + "'")).isEqualTo(3);
    }

    private static void setOutboxStatus(CliHarness cli, String rowId, String status) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             var s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox SET status = '" + status + "' WHERE row_id = '" + rowId
                    + "' AND status = 'pending'");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode table(JsonNode tables, String name) {
        for (JsonNode t : tables) {
            if (t.get("table").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + tables);
    }
}
