package br.com.prontivus.sync;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of an operation's canonical payload. The desktop computes it when it captures the
 * change; the server recomputes it before applying, so a payload damaged anywhere in between is
 * refused instead of written.
 */
public final class OpChecksum {

    private OpChecksum() {
    }

    public static String canonicalPayload(String opId, String clinicId, String table, String rowId, String kind,
                                          List<String> changedFields, Map<String, Object> baseValues,
                                          Map<String, Object> rowAfter, Long baseVersion, long hlc) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("op_id", opId);
        payload.put("clinic_id", clinicId);
        payload.put("table", table);
        payload.put("row_id", rowId);
        payload.put("kind", kind);
        payload.put("changed_fields", changedFields.stream().sorted().toList());
        payload.put("base_values", CanonicalJson.canonicalRow(baseValues));
        payload.put("row_after", CanonicalJson.canonicalRow(rowAfter));
        payload.put("base_version", baseVersion);
        payload.put("hlc", hlc);
        return CanonicalJson.write(payload);
    }

    /**
     * The same checksum as {@link #of(RowChange)}, for a change whose canonical base values and row
     * after are already serialised ({@code CanonicalJson.write(CanonicalJson.canonicalRow(…))}, as the
     * outbox stores them): the payload is assembled around those bytes instead of converting and
     * serialising both maps a second time. Keys are written in the sorted order that
     * {@link #canonicalPayload} gets from its TreeMap, with the same generator settings, so the bytes
     * are identical (OpChecksumTest compares the two).
     */
    static String of(RowChange change, String canonicalBaseValuesJson, String canonicalRowAfterJson) {
        return CanonicalJson.sha256(payloadAround(change.opId().toString(), change.clinicId().toString(),
                change.table().name(), change.rowId().toString(), change.kind().wireName(), change.changedFields(),
                canonicalBaseValuesJson, canonicalRowAfterJson, change.baseVersion(), change.hlc()));
    }

    /**
     * The canonical payload assembled around base values and a row after that are already canonical
     * JSON (as the outbox stores them): the same bytes as {@link #canonicalPayload} for such input,
     * without parsing and serialising both objects again. Keys are written in the sorted order that
     * {@link #canonicalPayload} gets from its TreeMap, with the same generator settings (OpChecksumTest
     * compares the two). A caller that cannot be sure its JSON is canonical must compare the result's
     * SHA-256 with the recorded checksum and fall back to {@link #canonicalPayload} when they differ.
     */
    static String payloadAround(String opId, String clinicId, String table, String rowId, String kind,
                                List<String> changedFields, String canonicalBaseValuesJson,
                                String canonicalRowAfterJson, Long baseVersion, long hlc) {
        java.io.StringWriter out = new java.io.StringWriter(canonicalRowAfterJson.length()
                + canonicalBaseValuesJson.length() + 400);
        try (com.fasterxml.jackson.core.JsonGenerator g = CanonicalJson.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("base_values");
            g.writeRawValue(canonicalBaseValuesJson);
            g.writeFieldName("base_version");
            if (baseVersion == null) {
                g.writeNull();
            } else {
                g.writeNumber(baseVersion);
            }
            g.writeArrayFieldStart("changed_fields");
            for (String field : changedFields.stream().sorted().toList()) {
                g.writeString(field);
            }
            g.writeEndArray();
            g.writeStringField("clinic_id", clinicId);
            g.writeNumberField("hlc", hlc);
            g.writeStringField("kind", kind);
            g.writeStringField("op_id", opId);
            g.writeFieldName("row_after");
            g.writeRawValue(canonicalRowAfterJson);
            g.writeStringField("row_id", rowId);
            g.writeStringField("table", table);
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot serialise the payload of " + opId, e);
        }
        return out.toString();
    }

    public static String of(RowChange change) {
        return CanonicalJson.sha256(canonicalPayload(change.opId().toString(), change.clinicId().toString(),
                change.table().name(), change.rowId().toString(), change.kind().wireName(), change.changedFields(),
                change.baseValues(), change.rowAfter(), change.baseVersion(), change.hlc()));
    }
}
