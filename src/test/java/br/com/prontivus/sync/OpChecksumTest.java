package br.com.prontivus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.store.schema.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox's checksum, built around the already serialised rows, must equal the reference one byte for byte. */
class OpChecksumTest {

    @Test
    void checksumFromSerialisedRowsEqualsTheReference() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("full_name", "José da Conceição \"Zé\" \\ Ñandú \u2028 \t");
        after.put("social_name", null);
        after.put("cpf", "52998224725");
        after.put("birth_date", LocalDate.of(1980, 1, 2));
        after.put("deleted", false);
        after.put("starts_at", Instant.parse("2026-11-26T10:15:30.123456Z"));
        after.put("practitioner_id", UUID.fromString("0193a6f0-0000-7000-8000-000000000001"));
        after.put("duration", 30);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("full_name", "Jose");
        base.put("cpf", null);
        List<RowChange> changes = List.of(
                new RowChange(UUID.randomUUID(), UUID.randomUUID(), Schema.PATIENTS, UUID.randomUUID(), ChangeKind.INSERT,
                        List.copyOf(after.keySet()), Map.of(), after, null, 123_456_789L, UUID.randomUUID()),
                new RowChange(UUID.randomUUID(), UUID.randomUUID(), Schema.PATIENTS, UUID.randomUUID(), ChangeKind.UPDATE,
                        List.of("full_name", "cpf"), base, after, 42L, Long.MAX_VALUE, UUID.randomUUID()),
                new RowChange(UUID.randomUUID(), UUID.randomUUID(), Schema.AUDIT_LOG, UUID.randomUUID(), ChangeKind.DELETE,
                        List.of("deleted"), Map.of("deleted", false), Map.of(), 7L, 1L, UUID.randomUUID()));
        for (RowChange change : changes) {
            String baseJson = CanonicalJson.write(CanonicalJson.canonicalRow(change.baseValues()));
            String afterJson = CanonicalJson.write(CanonicalJson.canonicalRow(change.rowAfter()));
            assertThat(OpChecksum.of(change, baseJson, afterJson)).isEqualTo(OpChecksum.of(change));
            // the outbox's own serialisation (without Jackson) gives the same stored bytes
            assertThat(CanonicalJson.writeRow(change.baseValues())).isEqualTo(baseJson);
            assertThat(CanonicalJson.writeRow(change.rowAfter())).isEqualTo(afterJson);
        }
        // changed fields out of order are sorted in the payload, as the reference sorts them
        Map<String, Object> row = Map.of("b", "x", "a", 1);
        RowChange unsorted = new RowChange(UUID.randomUUID(), UUID.randomUUID(), Schema.PATIENTS, UUID.randomUUID(),
                ChangeKind.UPDATE, List.of("b", "a"), row, row, 3L, 9L, UUID.randomUUID());
        assertThat(OpChecksum.of(unsorted, CanonicalJson.writeRow(row), CanonicalJson.writeRow(row)))
                .isEqualTo(OpChecksum.of(unsorted));
    }

    @Test
    void aSortedMapIsWrittenAsAnyOtherMap() {
        Map<String, Object> unsorted = new LinkedHashMap<>();
        unsorted.put("b", 1);
        unsorted.put("a", "x");
        assertThat(CanonicalJson.write(CanonicalJson.canonicalRow(unsorted))).isEqualTo("{\"a\":\"x\",\"b\":1}");
        assertThat(CanonicalJson.write(unsorted)).isEqualTo("{\"a\":\"x\",\"b\":1}");
        java.util.TreeMap<String, Object> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(unsorted);
        assertThat(CanonicalJson.write(reversed)).isEqualTo("{\"a\":\"x\",\"b\":1}");
    }
}
