package br.com.prontivus.sync;

import static br.com.prontivus.sync.Edits.register;
import static br.com.prontivus.sync.Edits.set;
import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.config.ConflictStrategy;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/** Invariant 4: every strategy on a same-field conflict, disjoint merges, delete vs update, manual resolution. */
class ConflictStrategiesTest extends br.com.prontivus.testing.SyncWorldTestBase {

    /** Two desktops of a new clinic with {@code strategy}, sharing one synced patient. */
    private record Pair(Desktop a, Desktop b, UUID patient) {
        List<Desktop> both() {
            return List.of(a, b);
        }
    }

    private Pair pair(String name, String strategy) {
        Map<String, String> s = SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", strategy);
        Desktop a = w.first(name + "-a", s);
        Desktop b = w.joined(name + "-b", a.clinicId(), s);
        Patient p = register(a, "Conflito " + name);
        set(a, p.id(), "phone", "11900000000");
        requireOk(a.sync());
        requireOk(b.sync());
        return new Pair(a, b, p.id());
    }

    private static List<ConflictResolver.Conflict> conflicts(Desktop d) {
        return SyncWorld.resolver(d).list(null, null, 100);
    }

    /** A edits phone and syncs first; B edits the same field from the same base and syncs second. */
    private static void samePhoneEdit(Pair x) {
        set(x.a(), x.patient(), "phone", "11911111111");
        sleepPastTheMillisecond(); // B's edit is the newer one (newest_wins relies on it)
        set(x.b(), x.patient(), "phone", "11922222222");
        requireOk(x.a().sync());
        SyncEngine.Report r = requireOk(x.b().sync());
        assertThat(r.conflicts()).isEqualTo(1);
        SyncWorld.syncUntilQuiet(x.both());
    }

    @Test
    void postgresqlWinsKeepsTheServerValueAndLogsBoth() {
        Pair x = pair("pgwins", "postgresql_wins");
        samePhoneEdit(x);
        assertThat(Edits.get(x.b(), x.patient()).phone()).isEqualTo("11911111111");
        ConflictResolver.Conflict c = conflicts(x.a()).getFirst();
        assertThat(c.status()).isEqualTo("resolved");
        assertThat(c.outcome()).isEqualTo("server_kept");
        assertThat(c.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("phone");
            assertThat(f.base()).isEqualTo("11900000000");
            assertThat(f.local()).isEqualTo("11922222222");
            assertThat(f.server()).isEqualTo("11911111111");
            assertThat(f.winner()).isEqualTo(ConflictField.Winner.SERVER);
        });
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());
    }

    @Test
    void sqliteWinsAppliesTheDesktopValue() {
        Pair x = pair("sqlwins", "sqlite_wins");
        samePhoneEdit(x);
        assertThat(Edits.get(x.a(), x.patient()).phone()).isEqualTo("11922222222");
        assertThat(conflicts(x.b()).getFirst().outcome()).isEqualTo("local_applied");
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());
    }

    @Test
    void newestWinsTakesTheLaterHybridClock() {
        Pair x = pair("newest", "newest_wins");
        samePhoneEdit(x); // B edited after A: B's value is newer
        assertThat(Edits.get(x.a(), x.patient()).phone()).isEqualTo("11922222222");
        // now B edits first (older clock) but pushes last: the server's newer value stays
        set(x.b(), x.patient(), "notes", "b antigo");
        // The clocks are hybrid logical clocks over milliseconds: two edits on two desktops within the
        // same millisecond are concurrent, and the tie-break decides (next test). Writes got fast
        // enough for that to happen here, so A's edit is made in a later millisecond.
        sleepPastTheMillisecond();
        set(x.a(), x.patient(), "notes", "a novo");
        requireOk(x.a().sync());
        SyncEngine.Report r = requireOk(x.b().sync());
        assertThat(r.conflicts()).isEqualTo(1);
        SyncWorld.syncUntilQuiet(x.both());
        assertThat(Edits.get(x.b(), x.patient()).notes()).isEqualTo("a novo");
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());
    }

    @Test
    void newestWinsBreaksAnHlcTieByDeviceId() {
        Pair x = pair("tie", "newest_wins");
        UUID clinic = x.a().clinicId();
        var p = Schema.PATIENTS;
        Record row = x.a().app().server().orElseThrow().read(dsl -> dsl.select(p.allFields()).from(p.table())
                .where(p.CLINIC_ID.eq(clinic)).and(p.ID.eq(x.patient())).fetchOne());
        long phoneClock = CanonicalJson.readVersions(row.get(p.FIELD_VERSIONS)).get("phone");
        UUID writer = row.get(p.UPDATED_BY);
        assertThat(writer).isEqualTo(x.a().deviceId());
        UUID bigger = new UUID(Long.MAX_VALUE, -1L); // 7fffffff-...: larger than any UUID v7 of this era
        UUID smaller = new UUID(0L, 0L);
        // same HLC as the server's phone, from a device with a smaller id: the server keeps its value
        var lose = apply(x, ConflictStrategy.NEWEST_WINS, smaller, row, "phone", "11933333333", phoneClock);
        assertThat(lose).isInstanceOf(PushOutcome.Applied.class);
        assertThat(serverPhone(x)).isEqualTo("11900000000");
        // same HLC from a device with a larger id: it wins
        var win = apply(x, ConflictStrategy.NEWEST_WINS, bigger, row, "phone", "11944444444", phoneClock);
        assertThat(win).isInstanceOf(PushOutcome.Applied.class);
        assertThat(serverPhone(x)).isEqualTo("11944444444");
        assertThat(w.count("SELECT count(*) FROM sync_conflicts WHERE clinic_id = '" + clinic + "'")).isEqualTo(2);
    }

    private static String serverPhone(Pair x) {
        var p = Schema.PATIENTS;
        return x.a().app().server().orElseThrow().read(dsl -> dsl.select(p.PHONE).from(p.table())
                .where(p.ID.eq(x.patient())).fetchOne(p.PHONE));
    }

    /** Pushes a hand-made update of one field with a chosen HLC and device, as {@code device}'s engine would. */
    private static PushOutcome apply(Pair x, ConflictStrategy strategy, UUID device, Record base, String field,
                                     Object value, long hlc) {
        var p = Schema.PATIENTS;
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        p.dataFields().forEach(f -> after.put(f.getName(), base.get(f)));
        after.put(field, value);
        // made on an older value than the server's: a concurrent edit of the same field
        Map<String, Object> baseValues = Map.of(field, "11955555555");
        RowChange change = new RowChange(Ids.newId(), x.a().clinicId(), p, x.patient(), ChangeKind.UPDATE,
                List.of(field), baseValues, after, base.get(p.ROW_VERSION), hlc, device);
        OutboxEntry op = new OutboxEntry(1, change.opId(), change.clinicId(), p.name(), change.rowId(), ChangeKind.UPDATE,
                CanonicalJson.write(List.of(field)), CanonicalJson.write(CanonicalJson.canonicalRow(baseValues)),
                CanonicalJson.write(CanonicalJson.canonicalRow(after)), change.baseVersion(), hlc, OpChecksum.of(change),
                "pending", 0, null, null, Instant.now());
        return x.a().app().server().orElseThrow().write(tx -> new ServerApplier(strategy, Instant.now(),
                x.a().clinicId(), device).apply(tx, List.of(op))).get(op.opId());
    }

    @Test
    void disjointFieldsMergeWithoutAConflict() {
        Pair x = pair("disjoint", "manual");
        set(x.a(), x.patient(), "email", "a@example.com");
        set(x.b(), x.patient(), "notes", "de b");
        requireOk(x.a().sync());
        assertThat(requireOk(x.b().sync()).conflicts()).isZero();
        SyncWorld.syncUntilQuiet(x.both());
        Patient onA = Edits.get(x.a(), x.patient());
        assertThat(onA.email()).isEqualTo("a@example.com");
        assertThat(onA.notes()).isEqualTo("de b");
        assertThat(conflicts(x.a())).isEmpty();
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());
    }

    @Test
    void updateOfARowDeletedElsewhereIsAConflictBothWays() {
        // delete first, then a stale edit: the server keeps the tombstone, the edit is in the record
        Pair x = pair("delupd", "postgresql_wins");
        x.a().services().patients().delete(Desktop.ACTOR, x.patient());
        set(x.b(), x.patient(), "notes", "editado depois");
        requireOk(x.a().sync());
        assertThat(requireOk(x.b().sync()).conflicts()).isEqualTo(1);
        SyncWorld.syncUntilQuiet(x.both());
        assertThat(Edits.get(x.b(), x.patient())).isNull();
        assertThat(conflicts(x.a())).singleElement().satisfies(c ->
                assertThat(c.fields()).anySatisfy(f -> assertThat(f.field()).isEqualTo("deleted")));
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());

        // an edit first, then a stale delete: deleting would drop the edit, so it is a conflict too
        Pair y = pair("upddel", "sqlite_wins");
        set(y.a(), y.patient(), "notes", "editado antes");
        y.b().services().patients().delete(Desktop.ACTOR, y.patient());
        requireOk(y.a().sync());
        assertThat(requireOk(y.b().sync()).conflicts()).isEqualTo(1);
        SyncWorld.syncUntilQuiet(y.both());
        assertThat(Edits.get(y.a(), y.patient())).as("sqlite_wins: the delete wins").isNull();
        Convergence.assertConverged(w.url(), y.a().clinicId(), y.both());
    }

    @Test
    void manualConflictStaysOpenAndItsResolutionOnAThirdDesktopReachesEveryone() {
        Pair x = pair("manual", "manual");
        Desktop c = w.joined("manual-c", x.a().clinicId(), SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "manual"));
        set(x.a(), x.patient(), "phone", "11911111111");
        set(x.a(), x.patient(), "email", "a@example.com");
        set(x.b(), x.patient(), "phone", "11922222222");
        set(x.b(), x.patient(), "email", "b@example.com");
        requireOk(x.a().sync());
        requireOk(x.b().sync());
        List<Desktop> all = List.of(x.a(), x.b(), c);
        SyncWorld.syncUntilQuiet(all);
        assertThat(Edits.get(c, x.patient()).phone()).as("the server keeps its value meanwhile").isEqualTo("11911111111");
        List<ConflictResolver.Conflict> open = conflicts(c);
        assertThat(open).as("one record per conflicting op").hasSize(2).allSatisfy(k -> {
            assertThat(k.open()).isTrue();
            assertThat(k.fields()).singleElement().satisfies(f -> assertThat(f.winner()).isEqualTo(ConflictField.Winner.UNDECIDED));
        });
        ConflictResolver.Conflict phone = open.stream().filter(k -> k.fields().getFirst().field().equals("phone")).findFirst().orElseThrow();
        ConflictResolver.Conflict email = open.stream().filter(k -> k.fields().getFirst().field().equals("email")).findFirst().orElseThrow();
        assertThat(phone.fields().getFirst()).satisfies(f -> {
            assertThat(f.base()).isEqualTo("11900000000");
            assertThat(f.local()).isEqualTo("11922222222");
            assertThat(f.server()).isEqualTo("11911111111");
        });
        assertThat(x.a().engine().openConflicts()).isEqualTo(2);

        // C (neither side) takes B's phone and keeps the server's e-mail
        SyncWorld.resolver(c).resolve(phone.id(), ConflictResolver.Side.SERVER,
                Map.of("phone", ConflictResolver.Side.LOCAL), "admin@c");
        SyncWorld.resolver(c).resolve(email.id(), ConflictResolver.Side.SERVER, Map.of(), "admin@c");
        requireOk(c.sync());
        SyncWorld.syncUntilQuiet(all);
        for (Desktop d : all) {
            assertThat(Edits.get(d, x.patient()).phone()).isEqualTo("11922222222");
            assertThat(Edits.get(d, x.patient()).email()).isEqualTo("a@example.com");
            assertThat(d.engine().openConflicts()).isZero();
        }
        assertThat(serverPhone(x)).isEqualTo("11922222222");
        assertThat(w.count("SELECT count(*) FROM sync_conflicts WHERE clinic_id = '" + x.a().clinicId()
                + "' AND status = 'resolved' AND resolved_by = 'admin@c'")).isEqualTo(2);
        Convergence.assertConverged(w.url(), x.a().clinicId(), all);
    }

    @Test
    void manualDeleteVersusEditResolvedForTheEditBringsTheEditBack() {
        Pair x = pair("manualdel", "manual");
        x.a().services().patients().delete(Desktop.ACTOR, x.patient());
        set(x.b(), x.patient(), "notes", "não pode se perder");
        requireOk(x.a().sync());
        requireOk(x.b().sync());
        SyncWorld.syncUntilQuiet(x.both());
        ConflictResolver.Conflict open = conflicts(x.a()).getFirst();
        assertThat(open.open()).isTrue();
        SyncWorld.resolver(x.a()).resolve(open.id(), ConflictResolver.Side.LOCAL, Map.of(), "admin@a");
        SyncWorld.syncUntilQuiet(x.both());
        Patient back = Edits.get(x.b(), x.patient());
        assertThat(back).as("restored").isNotNull();
        assertThat(back.notes()).as("the edit the administrator chose is not lost").isEqualTo("não pode se perder");
        Convergence.assertConverged(w.url(), x.a().clinicId(), x.both());
    }

    private static void sleepPastTheMillisecond() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
