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

    public static String of(RowChange change) {
        return CanonicalJson.sha256(canonicalPayload(change.opId().toString(), change.clinicId().toString(),
                change.table().name(), change.rowId().toString(), change.kind().wireName(), change.changedFields(),
                change.baseValues(), change.rowAfter(), change.baseVersion(), change.hlc()));
    }
}
