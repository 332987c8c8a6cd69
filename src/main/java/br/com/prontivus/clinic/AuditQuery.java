package br.com.prontivus.clinic;

import br.com.prontivus.store.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Reads the clinic's audit log for administrators: filtered by user, patient, action and time,
 * newest first, and written out as CSV.
 */
public final class AuditQuery {

    private static final Schema.AuditLog A = Schema.AUDIT_LOG;
    private static final Schema.StaffUsers U = Schema.STAFF_USERS;
    private static final Schema.Appointments AP = Schema.APPOINTMENTS;

    /**
     * What to look for; every part is optional (null or empty: no restriction).
     *
     * @param patientIds entries about these patients: the patient rows themselves and their appointments
     * @param action     an exact action ({@code patient.register}) or a family ({@code patient} matches
     *                   {@code patient.*})
     * @param from       inclusive
     * @param to         exclusive
     */
    public record Filter(UUID userId, Collection<UUID> patientIds, String action, Instant from, Instant to) {
        public static Filter all() {
            return new Filter(null, null, null, null, null);
        }
    }

    /** One audit entry, with the login of the staff user who acted (null for commands and failed logins). */
    public record Entry(UUID id, Instant occurredAt, UUID userId, String userLogin, UUID deviceId, String action,
                        String entity, UUID entityId, String summary) {
    }

    private final ClinicData data;

    public AuditQuery(ClinicData data) {
        this.data = data;
    }

    public List<Entry> search(Filter filter, int limit) {
        Condition where = A.CLINIC_ID.eq(data.clinicId()).and(A.DELETED.isFalse());
        if (filter.userId() != null) {
            where = where.and(A.USER_ID.eq(filter.userId()));
        }
        if (filter.patientIds() != null && !filter.patientIds().isEmpty()) {
            Set<UUID> ids = Set.copyOf(filter.patientIds());
            where = where.and(A.ENTITY.eq("patients").and(A.ENTITY_ID.in(ids))
                    .or(A.ENTITY.eq("appointments").and(A.ENTITY_ID.in(DSL.select(AP.ID).from(AP.table())
                            .where(AP.CLINIC_ID.eq(data.clinicId())).and(AP.PATIENT_ID.in(ids))))));
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            String action = filter.action().strip();
            where = where.and(A.ACTION.eq(action).or(A.ACTION.startsWith(action + ".")));
        }
        if (filter.from() != null) {
            where = where.and(A.OCCURRED_AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            where = where.and(A.OCCURRED_AT.lt(filter.to()));
        }
        Condition condition = where;
        return data.read(dsl -> dsl.select(A.ID, A.OCCURRED_AT, A.USER_ID, U.LOGIN, A.DEVICE_ID, A.ACTION, A.ENTITY,
                        A.ENTITY_ID, A.SUMMARY)
                .from(A.table()).leftJoin(U.table()).on(U.ID.eq(A.USER_ID))
                .where(condition)
                .orderBy(A.OCCURRED_AT.desc(), A.ID.desc())
                .limit(limit)
                .fetch(r -> new Entry(r.get(A.ID), r.get(A.OCCURRED_AT), r.get(A.USER_ID), r.get(U.LOGIN),
                        r.get(A.DEVICE_ID), r.get(A.ACTION), r.get(A.ENTITY), r.get(A.ENTITY_ID), r.get(A.SUMMARY))));
    }

    /** The actions present in the log, for a filter's suggestions. */
    public List<String> actions() {
        return data.read(dsl -> dsl.selectDistinct(A.ACTION).from(A.table())
                .where(A.CLINIC_ID.eq(data.clinicId())).orderBy(A.ACTION).fetch(A.ACTION));
    }

    /** The CSV header of {@link #writeCsv}. */
    public static final List<String> CSV_HEADER = List.of("occurred_at", "user_login", "user_id", "device_id",
            "action", "entity", "entity_id", "summary");

    /**
     * RFC 4180 CSV (comma, CRLF, quotes doubled). A cell that a spreadsheet would run as a formula
     * (starting with = + - @) gets a leading apostrophe: summaries hold text staff typed.
     */
    public static void writeCsv(List<Entry> entries, Appendable out) {
        try {
            row(out, CSV_HEADER);
            for (Entry e : entries) {
                List<String> cells = new ArrayList<>();
                cells.add(e.occurredAt() == null ? "" : e.occurredAt().toString());
                cells.add(e.userLogin());
                cells.add(text(e.userId()));
                cells.add(text(e.deviceId()));
                cells.add(e.action());
                cells.add(e.entity());
                cells.add(text(e.entityId()));
                cells.add(e.summary());
                row(out, cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void row(Appendable out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
