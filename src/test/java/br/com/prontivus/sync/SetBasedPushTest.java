package br.com.prontivus.sync;

import static br.com.prontivus.sync.Edits.register;
import static br.com.prontivus.sync.Edits.set;
import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.config.ConflictStrategy;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * The push writes rows the server does not have yet with one set-based insert per table (values as
 * one text array per column) and everything else through the per-row merge path; the checksum is
 * verified once, by the applied_ops trigger, and a damaged op sends the batch to the one-by-one path.
 * These tests put every kind of op into one batch and check the outcome op by op.
 */
class SetBasedPushTest extends br.com.prontivus.testing.SyncWorldTestBase {

    /** Text that an array literal must quote or escape, and that must reach the server byte for byte. */
    private static final String AWKWARD = "NULL, \"aspas\" {chaves} \\barra\\ vírgula, ção; 'apóstrofo' \t fim";

    @Test
    void oneBatchMixingFreshInsertsCleanUpdatesConflictsDeletesAndADamagedOp() {
        Map<String, String> manual = SyncWorld.settings("SYNC_CONFLICT_RESOLUTION", "manual");
        Desktop a = w.first("mixed-a", manual);
        Desktop b = w.joined("mixed-b", a.clinicId(), manual);
        Patient clean = register(a, "Limpo");
        Patient contested = register(a, "Disputado");
        Patient doomed = register(a, "Removido");
        requireOk(a.sync());
        requireOk(b.sync());
        set(a, contested.id(), "phone", "11900000001");
        requireOk(a.sync()); // the server moves on under b

        // One batch from b (well under 500 ops):
        Patient fresh = b.services().patients().register(Desktop.ACTOR, new PatientDraft("Novo Completo", "Social",
                "52998224725", LocalDate.of(1980, 2, 29), "female", "11987654321", "novo@example.com", "Rua A, 1",
                AWKWARD));
        Patient plain = register(b, "Novo Simples"); // nulls in most columns
        set(b, clean.id(), "email", "limpo@example.com"); // nobody else touched it
        set(b, contested.id(), "phone", "11900000002"); // a concurrent edit of the same field
        b.services().patients().delete(Desktop.ACTOR, doomed.id());
        Patient bad = register(b, "Original");
        b.local().writeVoid(dsl -> dsl.update(Outbox.TABLE)
                .set(Outbox.ROW_AFTER, org.jooq.impl.DSL.replace(Outbox.ROW_AFTER, "Original", "Adulterado"))
                .where(Outbox.ROW_ID.eq(bad.id())).and(Outbox.KIND.eq("insert")).execute());
        set(b, bad.id(), "phone", "11911112222"); // waits behind the damaged insert of its row
        int queued = b.engine().queue().counts().getOrDefault("pending", 0);

        SyncEngine.Report r = b.sync();
        assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.parked()).isEqualTo(1);
        assertThat(r.conflicts()).isEqualTo(1);
        // every op but the damaged insert and the edit held behind it
        assertThat(r.pushed()).isEqualTo(queued - 2);
        assertThat(b.engine().queue().list("parked", 10)).singleElement().satisfies(op -> {
            assertThat(op.rowId()).isEqualTo(bad.id());
            assertThat(op.lastError()).contains("checksum mismatch");
        });
        assertThat(b.engine().queue().list("pending", 10)).singleElement()
                .satisfies(op -> assertThat(op.rowId()).isEqualTo(bad.id()));

        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + bad.id() + "'")).as("not applied").isZero();
        assertThat(w.count("SELECT count(*) FROM patients WHERE full_name = 'Adulterado'")).isZero();
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + fresh.id() + "' AND social_name = 'Social'"
                + " AND cpf = '52998224725' AND birth_date = DATE '1980-02-29' AND sex = 'female'"
                + " AND phone = '11987654321' AND email = 'novo@example.com' AND address = 'Rua A, 1'"
                + " AND NOT deleted AND row_version IS NOT NULL")).as("every column of the fresh insert").isEqualTo(1);
        assertThat(serverNotes(fresh.id())).as("text through the array, byte for byte").isEqualTo(AWKWARD);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + plain.id() + "'"
                + " AND cpf IS NULL AND birth_date IS NULL AND notes IS NULL")).as("nulls stay null").isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + clean.id()
                + "' AND email = 'limpo@example.com'")).isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + contested.id()
                + "' AND phone = '11900000001'")).as("manual: the server keeps its value").isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM sync_conflicts WHERE row_id = '" + contested.id()
                + "' AND status = 'open'")).isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + doomed.id() + "' AND deleted")).isEqualTo(1);
        // exactly-once records: one applied op per pushed op, none for the parked one
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE device_id = '" + b.deviceId() + "'"))
                .isEqualTo((long) b.engine().queue().counts().getOrDefault("acknowledged", 0));
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE row_id = '" + bad.id() + "'")).isZero();
        // the committed counter is the newest visible version (release after the set-based writes)
        assertThat(w.count("SELECT last_version FROM clinic_version WHERE clinic_id = '" + a.clinicId() + "'"))
                .isEqualTo(newestVersion(a.clinicId()));

        requireOk(a.sync());
        assertThat(Edits.get(a, fresh.id()).notes()).isEqualTo(AWKWARD);
        requireOk(b.sync());
        assertThat(b.engine().queue().list("parked", 10)).hasSize(1);
    }

    /** The array literal the set-based statements bind: PostgreSQL reads back exactly the elements sent. */
    @Test
    void arrayLiteralsRoundTripThroughPostgres() throws Exception {
        String[] values = {"", "NULL", "null", null, "a,b", "{x}", "\"q\"", "\\", "\\\"", " lead", "trail ",
                "linha\nnova", "tab\t", "ção ü 日本", AWKWARD, "}", "{", "\\N"};
        try (var c = w.admin();
             var ps = c.prepareStatement("SELECT u.v, u.i FROM unnest(?::text[]) WITH ORDINALITY AS u(v, i) ORDER BY u.i")) {
            ps.setString(1, ServerApplier.arrayLiteral(values));
            List<String> back = new java.util.ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    back.add(rs.getString(1));
                }
            }
            assertThat(back).containsExactly(values);
        }
        assertThat(ServerApplier.arrayLiteral(new String[0])).isEqualTo("{}");
    }

    private static String serverNotes(UUID id) {
        try (var c = w.admin(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT notes FROM patients WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long newestVersion(UUID clinic) {
        StringBuilder union = new StringBuilder("SELECT max(v) FROM (");
        for (int i = 0; i < Schema.SYNCED_TABLES.size(); i++) {
            union.append(i == 0 ? "" : " UNION ALL ").append("SELECT max(row_version) AS v FROM ")
                    .append(Schema.SYNCED_TABLES.get(i).name()).append(" WHERE clinic_id = '").append(clinic).append("'");
        }
        return w.count(union.append(") t").toString());
    }

    /**
     * An insert whose row the server already has (the set-based insert skips it) falls back to the
     * merge path in the same batch as a genuinely new row: the existing row is merged (here it holds
     * the same values, so nothing changes and no version is spent), the new one is created, both ops
     * are recorded once, and a replay of the batch changes nothing.
     */
    @Test
    void anInsertOfARowTheServerAlreadyHasIsMergedNotDuplicated() {
        Desktop a = w.first("exists-a", Map.of());
        Patient p = register(a, "Existente");
        requireOk(a.sync());
        var t = Schema.PATIENTS;
        Record server = a.app().server().orElseThrow().read(dsl -> dsl.select(t.allFields()).from(t.table())
                .where(t.ID.eq(p.id())).fetchOne());
        long versionBefore = server.get(t.ROW_VERSION);

        Map<String, Object> same = new LinkedHashMap<>();
        t.dataFields().forEach(f -> same.put(f.getName(), server.get(f)));
        OutboxEntry again = insertOp(a, p.id(), same);
        Map<String, Object> other = new LinkedHashMap<>(same);
        other.put("full_name", "Outro Novo");
        other.put("search_name", "outro novo");
        UUID newId = Ids.newId();
        OutboxEntry created = insertOp(a, newId, other);

        Map<UUID, PushOutcome> out = a.app().server().orElseThrow().write(tx -> new ServerApplier(
                ConflictStrategy.MANUAL, Instant.now(), a.clinicId(), a.deviceId()).apply(tx, List.of(again, created)));
        assertThat(out.get(again.opId())).isEqualTo(new PushOutcome.Applied(again.opId(), versionBefore, false));
        assertThat(out.get(created.opId())).isInstanceOfSatisfying(PushOutcome.Applied.class,
                o -> assertThat(o.rowVersion()).isGreaterThan(versionBefore));
        assertThat(w.count("SELECT row_version FROM patients WHERE id = '" + p.id() + "'")).isEqualTo(versionBefore);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + newId + "' AND full_name = 'Outro Novo'"))
                .isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE op_id IN ('" + again.opId() + "', '"
                + created.opId() + "')")).isEqualTo(2);
        assertThat(w.count("SELECT count(*) FROM sync_conflicts WHERE row_id = '" + p.id() + "'")).isZero();
        assertThat(w.count("SELECT last_version FROM clinic_version WHERE clinic_id = '" + a.clinicId() + "'"))
                .isEqualTo(newestVersion(a.clinicId()));

        Map<UUID, PushOutcome> replay = a.app().server().orElseThrow().write(tx -> new ServerApplier(
                ConflictStrategy.MANUAL, Instant.now(), a.clinicId(), a.deviceId()).apply(tx, List.of(again, created)));
        assertThat(replay.values()).allMatch(o -> o instanceof PushOutcome.AlreadyApplied);
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE op_id IN ('" + again.opId() + "', '"
                + created.opId() + "')")).isEqualTo(2);
    }

    private static OutboxEntry insertOp(Desktop d, UUID rowId, Map<String, Object> after) {
        var t = Schema.PATIENTS;
        List<String> changed = List.copyOf(after.keySet());
        long hlc = System.currentTimeMillis() << 16;
        RowChange change = new RowChange(Ids.newId(), d.clinicId(), t, rowId, ChangeKind.INSERT, changed, Map.of(),
                after, null, hlc, d.deviceId());
        return new OutboxEntry(1, change.opId(), change.clinicId(), t.name(), rowId, ChangeKind.INSERT,
                CanonicalJson.write(changed), CanonicalJson.write(CanonicalJson.canonicalRow(Map.of())),
                CanonicalJson.write(CanonicalJson.canonicalRow(after)), null, hlc, OpChecksum.of(change),
                "pending", 0, null, null, Instant.now());
    }
}
