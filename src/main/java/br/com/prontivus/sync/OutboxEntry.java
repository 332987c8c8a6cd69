package br.com.prontivus.sync;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.SyncedTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;

/** One queued operation as stored in the outbox. */
public record OutboxEntry(long seq, UUID opId, UUID clinicId, String tableName, UUID rowId, ChangeKind kind,
                          String changedFieldsJson, String baseValuesJson, String rowAfterJson, Long baseVersion,
                          long hlc, String checksum, String status, int attempts, Instant nextAttemptAt,
                          String lastError, Instant createdAt) {

    public static OutboxEntry of(Record r) {
        return new OutboxEntry(r.get(Outbox.SEQ), r.get(Outbox.OP_ID), r.get(Outbox.CLINIC_ID),
                r.get(Outbox.TABLE_NAME), r.get(Outbox.ROW_ID), ChangeKind.fromWire(r.get(Outbox.KIND)),
                r.get(Outbox.CHANGED_FIELDS), r.get(Outbox.BASE_VALUES), r.get(Outbox.ROW_AFTER),
                r.get(Outbox.BASE_VERSION), r.get(Outbox.HLC), r.get(Outbox.CHECKSUM), r.get(Outbox.STATUS),
                r.get(Outbox.ATTEMPTS), r.get(Outbox.NEXT_ATTEMPT_AT), r.get(Outbox.LAST_ERROR),
                r.get(Outbox.CREATED_AT));
    }

    public SyncedTable table() {
        return Schema.syncedTable(tableName);
    }

    public List<String> changedFields() {
        List<String> fields = new ArrayList<>();
        CanonicalJson.read(changedFieldsJson).forEach(n -> fields.add(n.asText()));
        return fields;
    }

    /** Column name → typed value, for the columns present in the JSON object. */
    public Map<String, Object> rowAfter() {
        return typed(rowAfterJson);
    }

    public Map<String, Object> baseValues() {
        return typed(baseValuesJson);
    }

    private Map<String, Object> typed(String json) {
        SyncedTable table = table();
        JsonNode node = CanonicalJson.read(json);
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if ("deleted".equals(e.getKey())) {
                values.put("deleted", e.getValue().asBoolean());
            } else {
                Field<?> field = table.field(e.getKey());
                values.put(e.getKey(), Values.fromJson(field, e.getValue()));
            }
        });
        return values;
    }

    /** The exact text whose SHA-256 is the checksum; rebuilt from the stored columns. */
    public String canonicalPayload() {
        // The outbox stores base values and row after as canonical JSON (OutboxCapture), so the
        // payload can be assembled around those bytes; the payload was hashed at capture, so a match
        // with the recorded checksum proves these are the very bytes. Anything else (an entry written
        // some other way, or damaged) takes the full rebuild below, exactly as before, and the server
        // judges the result.
        List<String> changed = changedFields();
        if (baseValuesJson != null && rowAfterJson != null) {
            String around = OpChecksum.payloadAround(opId.toString(), clinicId.toString(), tableName,
                    rowId.toString(), kind.wireName(), changed, baseValuesJson, rowAfterJson, baseVersion, hlc);
            if (CanonicalJson.sha256(around).equals(checksum)) {
                return around;
            }
        }
        return OpChecksum.canonicalPayload(opId.toString(), clinicId.toString(), tableName, rowId.toString(),
                kind.wireName(), changed, untyped(baseValuesJson), untyped(rowAfterJson), baseVersion, hlc);
    }

    private static Map<String, Object> untyped(String json) {
        Map<String, Object> values = new LinkedHashMap<>();
        CanonicalJson.read(json).properties().forEach(e -> values.put(e.getKey(), plain(e.getValue())));
        return values;
    }

    private static Object plain(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isBoolean()) {
            return node.asBoolean();
        } else if (node.isIntegralNumber()) {
            return node.asLong();
        } else {
            return node.asText();
        }
    }
}
