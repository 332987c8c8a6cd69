package br.com.prontivus.sync;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.clinic.AppointmentService;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.clinic.PractitionerService;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxIntegrityTest extends br.com.prontivus.testing.DialectTestBase {

    static final ObjectMapper JSON = new ObjectMapper();


    /** Registers, updates, deletes and books, moving the clock (once backwards) between writes. */
    static void busyDay(ClinicEnv env) {
        PatientService patients = new PatientService(env.data());
        Patient p = patients.register(ACTOR, new PatientDraft("Ana Clara", null, "529.982.247-25",
                LocalDate.of(1990, 5, 6), "female", "(11) 98765-4321", null, null, null));
        env.clock().advance(Duration.ofSeconds(5));
        patients.update(ACTOR, p.id(), new PatientDraft("Ana Clara", null, "529.982.247-25", LocalDate.of(1990, 5, 6),
                "female", "(11) 3456-7890", "ana@example.com", null, "alérgica"));
        env.clock().set(env.clock().instant().minus(Duration.ofHours(2))); // the wall clock jumps back
        patients.update(ACTOR, p.id(), new PatientDraft("Ana Clara Dias", null, "529.982.247-25",
                LocalDate.of(1990, 5, 6), "female", "(11) 3456-7890", "ana@example.com", null, "alérgica"));
        var pr = new PractitionerService(env.data()).add(ACTOR, "Dra. Beatriz", null, null);
        var appts = new AppointmentService(env.data(), ZoneId.of("America/Sao_Paulo"));
        var a = appts.book(ACTOR, new AppointmentService.Booking(p.id(), pr.id(), Instant.parse("2026-12-01T13:00:00Z"),
                30, "consulta", "primeira"));
        appts.changeStatus(ACTOR, a.id(), br.com.prontivus.clinic.AppointmentStatus.CONFIRMED);
        Patient q = patients.register(ACTOR, new PatientDraft("Bruno", null, null, null, null, null, null, null, null));
        patients.delete(ACTOR, q.id());
    }

    @Test
    void checksumsRecomputeFromTheStoredColumns() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        busyDay(env);
        List<Record> entries = env.outbox();
        assertThat(entries).hasSizeGreaterThan(10);
        for (Record e : entries) {
            List<String> changed = JSON.readValue(e.get(Outbox.CHANGED_FIELDS), new TypeReference<List<String>>() { });
            Map<String, Object> rowAfter = JSON.readValue(e.get(Outbox.ROW_AFTER),
                    new TypeReference<Map<String, Object>>() { });
            Map<String, Object> baseValues = JSON.readValue(e.get(Outbox.BASE_VALUES),
                    new TypeReference<Map<String, Object>>() { });
            String payload = OpChecksum.canonicalPayload(e.get(Outbox.OP_ID).toString(),
                    e.get(Outbox.CLINIC_ID).toString(), e.get(Outbox.TABLE_NAME), e.get(Outbox.ROW_ID).toString(),
                    e.get(Outbox.KIND), changed, baseValues, rowAfter, e.get(Outbox.BASE_VERSION), e.get(Outbox.HLC));
            assertThat(CanonicalJson.sha256(payload)).as("checksum of op %s", e.get(Outbox.SEQ))
                    .isEqualTo(e.get(Outbox.CHECKSUM)).matches("[0-9a-f]{64}");
            assertThat(e.get(Outbox.CLINIC_ID)).isEqualTo(env.data().clinicId());
            // the full row after names every business column of its table
            SyncedTable table = Schema.syncedTable(e.get(Outbox.TABLE_NAME));
            assertThat(rowAfter.keySet()).containsExactlyInAnyOrderElementsOf(
                    table.dataFields().stream().map(Field::getName).toList());
            // a damaged payload no longer matches
            rowAfter.put("tampered", true);
            String damaged = OpChecksum.canonicalPayload(e.get(Outbox.OP_ID).toString(),
                    e.get(Outbox.CLINIC_ID).toString(), e.get(Outbox.TABLE_NAME), e.get(Outbox.ROW_ID).toString(),
                    e.get(Outbox.KIND), changed, baseValues, rowAfter, e.get(Outbox.BASE_VERSION), e.get(Outbox.HLC));
            assertThat(CanonicalJson.sha256(damaged)).isNotEqualTo(e.get(Outbox.CHECKSUM));
        }
    }

    @Test
    void opIdsAreUniqueUuidV7AndHlcStrictlyIncreasesEvenWhenTheWallClockGoesBack() {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        busyDay(env);
        List<Record> entries = env.outbox();
        assertThat(new HashSet<>(entries.stream().map(e -> e.get(Outbox.OP_ID)).toList())).hasSize(entries.size());
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get(Outbox.OP_ID).version()).isEqualTo(7);
            assertThat(e.get(Outbox.OP_ID).variant()).isEqualTo(2);
        });
        long previous = Long.MIN_VALUE;
        for (Record e : entries) {
            assertThat(e.get(Outbox.HLC)).isGreaterThan(previous);
            previous = e.get(Outbox.HLC);
        }
    }

    @Test
    void fieldVersionsMapEachFieldToTheHlcOfItsLastChange() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        busyDay(env);
        for (SyncedTable table : Schema.SYNCED_TABLES) {
            // replay the outbox: field -> hlc of the last op that changed it
            Map<UUID, Map<String, Long>> expected = new HashMap<>();
            Map<UUID, Long> lastHlc = new HashMap<>();
            for (Record e : env.outboxFor(table.name())) {
                List<String> changed = JSON.readValue(e.get(Outbox.CHANGED_FIELDS), new TypeReference<List<String>>() { });
                Map<String, Long> versions = expected.computeIfAbsent(e.get(Outbox.ROW_ID), k -> new HashMap<>());
                changed.forEach(f -> versions.put(f, e.get(Outbox.HLC)));
                lastHlc.put(e.get(Outbox.ROW_ID), e.get(Outbox.HLC));
            }
            List<Record> rows = env.db().read(dsl -> dsl.select(table.allFields()).from(table.table()).fetch());
            assertThat(rows).hasSize(expected.size());
            for (Record row : rows) {
                UUID id = row.get(table.ID);
                assertThat(CanonicalJson.readVersions(row.get(table.FIELD_VERSIONS))).as("%s %s", table, id)
                        .isEqualTo(expected.get(id));
                assertThat(row.get(table.UPDATED_AT)).isEqualTo(lastHlc.get(id));
                assertThat(row.get(table.UPDATED_BY)).isEqualTo(env.data().deviceId());
            }
        }
    }

    @Test
    void idsAreVersion7AndTimeOrdered() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a).isNotEqualTo(b);
        long millis = a.getMostSignificantBits() >>> 16;
        assertThat(millis).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void hybridLogicalClockNeverGoesBackAndMovesPastObservedTimes() {
        var clock = new br.com.prontivus.testing.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        HybridLogicalClock hlc = new HybridLogicalClock(clock);
        long t1 = hlc.tick();
        long t2 = hlc.tick();
        assertThat(t2).isEqualTo(t1 + 1);
        clock.set(clock.instant().minusSeconds(3600));
        long t3 = hlc.tick();
        assertThat(t3).isGreaterThan(t2);
        long far = (Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() << 16) + 5;
        long t4 = hlc.observe(far);
        assertThat(t4).isGreaterThan(far);
        assertThat(hlc.tick()).isGreaterThan(t4);
        assertThat(HybridLogicalClock.toInstant(t1)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(HybridLogicalClock.counter(t2)).isEqualTo(1);
    }

    /** Invariant 1: a write that fails after its insert leaves no row, no outbox entry and no audit entry. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFailedWriteLeavesNothingBehind(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        Map<String, Integer> before = env.counts();
        UUID id = Ids.newId();
        var P = Schema.PATIENTS;
        Map<Field<?>, Object> v = new HashMap<>();
        for (Field<?> f : P.dataFields()) {
            v.put(f, null);
        }
        v.put(P.FULL_NAME, "Fantasma");
        v.put(P.SEARCH_NAME, "fantasma");
        assertThatThrownBy(() -> env.data().write(ACTOR, tx -> {
            tx.insert(P, id, v);
            tx.audit("patient.register", "patients", id, "registered Fantasma");
            // visible inside the transaction...
            assertThat(tx.dsl().fetchCount(P.table(), P.ID.eq(id))).isEqualTo(1);
            throw new IllegalStateException("boom after the insert");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom after the insert");
        // ...and gone after it
        assertThat(env.counts()).isEqualTo(before);

        // a failure inside the database (constraint) after an insert rolls back the same way
        Patient p = new PatientService(env.data()).register(ACTOR, new PatientDraft("Real", null, null, null, null,
                null, null, null, null));
        Map<String, Integer> after = env.counts();
        assertThatThrownBy(() -> env.data().write(ACTOR, tx -> {
            tx.insert(P, Ids.newId(), v);
            tx.dsl().execute("insert into patients (id) values (null)");
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(env.counts()).isEqualTo(after);
        // and the connection is still usable
        new PatientService(env.data()).update(ACTOR, p.id(), new PatientDraft("Real Dois", null, null, null, null,
                null, null, null, null));
        assertThat(env.count("patients")).isEqualTo(after.get("patients"));
    }
}
