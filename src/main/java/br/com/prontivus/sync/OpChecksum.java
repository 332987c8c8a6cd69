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
     * serialising both maps a second time ({@link #payloadAround}).
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
     * {@link #canonicalPayload} gets from its TreeMap, strings escaped as Jackson escapes them
     * (CanonicalJson.appendString), so the bytes are identical (OpChecksumTest compares the two). A
     * caller that cannot be sure its JSON is canonical must compare the result's SHA-256 with the
     * recorded checksum and fall back to {@link #canonicalPayload} when they differ.
     */
    static String payloadAround(String opId, String clinicId, String table, String rowId, String kind,
                                List<String> changedFields, String canonicalBaseValuesJson,
                                String canonicalRowAfterJson, Long baseVersion, long hlc) {
        // Written into a StringBuilder with CanonicalJson's Jackson-identical escaping: the generator's
        // setup per call cost more than the few fields it wrote (see docs/PERFORMANCE.md, issue 3).
        StringBuilder out = new StringBuilder(canonicalBaseValuesJson.length() + canonicalRowAfterJson.length() + 400);
        out.append("{\"base_values\":").append(canonicalBaseValuesJson);
        out.append(",\"base_version\":");
        if (baseVersion == null) {
            out.append("null");
        } else {
            out.append(baseVersion.longValue());
        }
        out.append(",\"changed_fields\":");
        CanonicalJson.appendStrings(out, isSorted(changedFields) ? changedFields : changedFields.stream().sorted().toList());
        out.append(",\"clinic_id\":");
        CanonicalJson.appendString(out, clinicId);
        out.append(",\"hlc\":").append(hlc);
        out.append(",\"kind\":");
        CanonicalJson.appendString(out, kind);
        out.append(",\"op_id\":");
        CanonicalJson.appendString(out, opId);
        out.append(",\"row_after\":").append(canonicalRowAfterJson);
        out.append(",\"row_id\":");
        CanonicalJson.appendString(out, rowId);
        out.append(",\"table\":");
        CanonicalJson.appendString(out, table);
        out.append('}');
        return out.toString();
    }

    private static boolean isSorted(List<String> strings) {
        for (int i = 1; i < strings.size(); i++) {
            if (strings.get(i - 1).compareTo(strings.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    public static String of(RowChange change) {
        return CanonicalJson.sha256(canonicalPayload(change.opId().toString(), change.clinicId().toString(),
                change.table().name(), change.rowId().toString(), change.kind().wireName(), change.changedFields(),
                change.baseValues(), change.rowAfter(), change.baseVersion(), change.hlc()));
    }
}
