package br.com.prontivus.clinic;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Registration, changes and search of patients. */
public final class PatientService {

    private static final Schema.Patients P = Schema.PATIENTS;

    private final ClinicData data;

    public PatientService(ClinicData data) {
        this.data = data;
    }

    public Patient register(Actor actor, PatientDraft input) {
        PatientDraft draft = input.normalized(today());
        UUID id = Ids.newId();
        return data.write(actor, tx -> {
            requireCpfFree(tx.dsl(), draft.cpf(), null);
            long hlc = tx.insert(P, id, values(draft));
            PatientSearchIndex.index(tx.dsl(), tx.clinicId(), id, draft.fullName(), draft.socialName());
            tx.audit("patient.register", "patients", id, "registered " + draft.fullName());
            if (tx.dsl().dialect() != SQLDialect.SQLITE) {
                return fetch(tx.dsl(), id).orElseThrow(); // cloud mode: the server's trigger assigned row_version
            }
            // The local store has no trigger on patients: the row is exactly what was written (no
            // row_version until the server acknowledges it), so it is not read back.
            return new Patient(id, tx.clinicId(), draft.fullName(), draft.socialName(), draft.cpf(), draft.birthDate(),
                    draft.sex(), draft.phone(), draft.email(), draft.address(), draft.notes(), null, hlc, false);
        });
    }

    /** Outcome of one row of {@link #registerBatch}: the new patient's id, or why the row was refused. */
    public record BatchRow(int index, UUID id, DomainException error) {
        public boolean registered() {
            return error == null;
        }
    }

    /**
     * Registers many patients in ONE transaction (one commit, one fsync), each exactly as
     * {@link #register} would: same validation, outbox entry, audit entry and search terms. A row
     * that is invalid, or whose CPF is already live in the clinic or earlier in the same batch, is
     * refused on its own and the others are written. Returns one result per draft, in order.
     * Only {@link DomainException}s are per row; a database failure rolls back the whole batch.
     */
    public List<BatchRow> registerBatch(Actor actor, List<PatientDraft> inputs) {
        LocalDate today = today();
        PatientDraft[] drafts = new PatientDraft[inputs.size()];
        BatchRow[] results = new BatchRow[inputs.size()];
        for (int i = 0; i < drafts.length; i++) {
            try {
                drafts[i] = inputs.get(i).normalized(today);
            } catch (DomainException e) {
                results[i] = new BatchRow(i, null, e);
            }
        }
        return data.write(actor, tx -> {
            Map<String, String> taken = cpfsTaken(tx.dsl(), drafts);
            Map<String, String> cpfsInBatch = new HashMap<>(); // CPF → name of the first row that has it
            List<br.com.prontivus.sync.ChangeWriter.NewRow> rows = new ArrayList<>();
            List<PatientSearchIndex.Names> names = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            List<String> summaries = new ArrayList<>();
            for (int i = 0; i < drafts.length; i++) {
                PatientDraft draft = drafts[i];
                if (draft == null) {
                    continue;
                }
                String cpf = draft.cpf();
                if (cpf != null && taken.containsKey(cpf)) {
                    results[i] = new BatchRow(i, null, new DomainException.Conflict("error.cpf.duplicate",
                            new Cpf(cpf).formatted(), taken.get(cpf)));
                    continue;
                }
                String first = cpf == null ? null : cpfsInBatch.putIfAbsent(cpf, draft.fullName());
                if (first != null) {
                    results[i] = new BatchRow(i, null, new DomainException.Conflict("error.cpf.duplicate_in_batch",
                            new Cpf(cpf).formatted(), first));
                    continue;
                }
                UUID id = Ids.newId();
                rows.add(new br.com.prontivus.sync.ChangeWriter.NewRow(id, values(draft)));
                names.add(new PatientSearchIndex.Names(id, draft.fullName(), draft.socialName()));
                ids.add(id);
                summaries.add("imported " + draft.fullName());
                results[i] = new BatchRow(i, id, null);
            }
            // Same rows, outbox entries, audit entries and search terms as register(), one statement batch each.
            tx.insertAll(P, rows);
            PatientSearchIndex.indexAll(tx.dsl(), tx.clinicId(), names);
            tx.auditAll("patient.import", "patients", ids, summaries);
            return List.of(results);
        });
    }

    /** CPF → patient name, for the drafts' CPFs already live in the clinic; one query per 500 CPFs. */
    private Map<String, String> cpfsTaken(DSLContext dsl, PatientDraft[] drafts) {
        List<String> cpfs = new ArrayList<>();
        for (PatientDraft d : drafts) {
            if (d != null && d.cpf() != null) {
                cpfs.add(d.cpf());
            }
        }
        Map<String, String> taken = new HashMap<>();
        for (int from = 0; from < cpfs.size(); from += 500) {
            dsl.select(P.CPF, P.FULL_NAME).from(P.table())
                    .where(P.CLINIC_ID.eq(data.clinicId())).and(P.CPF.in(cpfs.subList(from, Math.min(cpfs.size(), from + 500))))
                    .and(live(dsl))
                    .fetch()
                    .forEach(r -> taken.put(r.value1(), r.value2()));
        }
        return taken;
    }

    /** Replaces the patient's fields with {@code input}; only the fields that differ are changed and synced. */
    public Patient update(Actor actor, UUID id, PatientDraft input) {
        PatientDraft draft = input.normalized(today());
        return data.write(actor, tx -> {
            Patient before = fetch(tx.dsl(), id).filter(p -> !p.deleted())
                    .orElseThrow(() -> new DomainException.NotFound("error.patient.not_found", id));
            requireCpfFree(tx.dsl(), draft.cpf(), id);
            if (tx.update(P, id, values(draft))) {
                PatientSearchIndex.reindex(tx.dsl(), tx.clinicId(), id, draft.fullName(), draft.socialName());
                tx.audit("patient.update", "patients", id, "updated " + changedFields(before.toDraft(), draft));
            }
            return fetch(tx.dsl(), id).orElseThrow();
        });
    }

    public void delete(Actor actor, UUID id) {
        data.write(actor, tx -> {
            Patient before = fetch(tx.dsl(), id).filter(p -> !p.deleted())
                    .orElseThrow(() -> new DomainException.NotFound("error.patient.not_found", id));
            tx.delete(P, id);
            PatientSearchIndex.remove(tx.dsl(), id);
            tx.audit("patient.delete", "patients", id, "deleted " + before.fullName());
            return null;
        });
    }

    public Optional<Patient> get(UUID id) {
        return data.read(dsl -> fetch(dsl, id)).filter(p -> !p.deleted());
    }

    public Patient require(UUID id) {
        return get(id).orElseThrow(() -> new DomainException.NotFound("error.patient.not_found", id));
    }

    /** Live patients in name order. */
    public List<Patient> list(int limit, int offset) {
        return data.read(dsl -> dsl.select(P.allFields()).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(P.DELETED.isFalse())
                .orderBy(P.SEARCH_NAME, P.ID)
                .limit(limit).offset(offset)
                .fetch(PatientService::map));
    }

    public int count() {
        return data.read(dsl -> dsl.fetchCount(P.table(), P.CLINIC_ID.eq(data.clinicId()).and(P.DELETED.isFalse())));
    }

    /**
     * Search as reception types: digits look up CPF and phone prefixes; words look up name prefixes,
     * accent- and case-insensitive, every word must match the start of some word of the name.
     * Results in name order, at most {@code limit}.
     */
    public List<Patient> search(String query, int limit) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        String digits = trimmed.replaceAll("[.\\-()\\s/]", "");
        if (digits.matches("\\d+")) {
            return data.read(dsl -> searchDigits(dsl, digits, limit));
        }
        List<String> terms = List.copyOf(SearchText.terms(trimmed));
        if (terms.isEmpty()) {
            return List.of();
        }
        return data.read(dsl -> NameSearch.forClinic(data.clinicId()).search(dsl, terms, limit));
    }

    /** From this many CPF or phone matches a digit prefix counts as common (see {@link #searchDigits}). */
    static final int COMMON_DIGITS = 2_000;

    /**
     * Two plans, chosen per query (SQLite has no statistics), with the same answer:
     * <ul>
     *   <li>a rare prefix (most CPF prefixes, a full phone number): a UNION of the CPF range and the
     *       phone range, each walking its own index (ix_patients_cpf, ix_patients_phone; an OR of the two
     *       made SQLite scan the clinic), then sorted by name;</li>
     *   <li>a common prefix (one or two digits, an area code: {@value #COMMON_DIGITS} or more matches on
     *       either index, counted on the index alone and only up to that number): the clinic walked in
     *       name order, keeping the matches, stopping at {@code limit}. Matches are dense, so the walk is
     *       short; sorting tens of thousands of matches took 70–240 ms at 100,000 patients.</li>
     * </ul>
     */
    private List<Patient> searchDigits(DSLContext dsl, String digits, int limit) {
        Condition live = P.CLINIC_ID.eq(data.clinicId()).and(live(dsl));
        if (countUpTo(dsl, P.CPF, digits) >= COMMON_DIGITS || countUpTo(dsl, P.PHONE, digits) >= COMMON_DIGITS) {
            return dsl.select(P.allFields()).from(P.table())
                    .where(live).and(prefix(P.CPF, digits).or(prefix(P.PHONE, digits)))
                    .orderBy(P.SEARCH_NAME, P.ID)
                    .limit(limit)
                    .fetch(PatientService::map);
        }
        var byCpf = dsl.select(P.allFields()).from(P.table()).where(live).and(prefix(P.CPF, digits));
        var byPhone = dsl.select(P.allFields()).from(P.table()).where(live).and(prefix(P.PHONE, digits));
        var found = byCpf.union(byPhone).asTable("found");
        return dsl.select(found.fields()).from(found)
                .orderBy(found.field(P.SEARCH_NAME), found.field(P.ID))
                .limit(limit)
                .fetch(PatientService::map);
    }

    /**
     * Index entries of the clinic in the prefix's range, counted up to {@link #COMMON_DIGITS}: for
     * CPFs the live ones (the CPF index, ux_patients_cpf, holds only those), for phones all of them.
     */
    private int countUpTo(DSLContext dsl, Field<String> column, String digits) {
        return dsl.fetchCount(dsl.selectOne().from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(prefix(column, digits))
                .and(column == P.CPF ? live(dsl) : DSL.noCondition())
                .limit(COMMON_DIGITS));
    }

    /** Possible duplicates of a draft: same CPF, or same folded name and birth date. */
    public List<Patient> possibleDuplicates(PatientDraft input, UUID exceptId) {
        PatientDraft draft = input.normalized(today());
        Condition sameCpf = draft.cpf() == null ? DSL.falseCondition() : P.CPF.eq(draft.cpf());
        Condition sameNameAndBirth = draft.birthDate() == null ? DSL.falseCondition()
                : P.SEARCH_NAME.eq(searchName(draft)).and(P.BIRTH_DATE.eq(draft.birthDate()));
        return data.read(dsl -> dsl.select(P.allFields()).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(live(dsl))
                .and(sameCpf.or(sameNameAndBirth))
                .and(exceptId == null ? DSL.trueCondition() : P.ID.ne(exceptId))
                .fetch(PatientService::map));
    }

    /**
     * Live patients. On SQLite, {@code deleted = 0} is written as a literal: CPF lookups are served
     * by the partial unique index {@code ux_patients_cpf … WHERE cpf IS NOT NULL AND deleted = 0},
     * and SQLite uses a partial index only when the query's WHERE contains its condition as written
     * (with {@code deleted} bound as a parameter it cannot prove it, and scanned the clinic). The
     * plain copy of that index, ix_patients_cpf, cost every patient write one more B-tree; migration
     * 2026.11.26.1000 drops it on SQLite. PostgreSQL keeps it and its bound comparison.
     */
    static Condition live(DSLContext dsl) {
        return dsl.dialect() == SQLDialect.SQLITE ? DSL.condition("{0} = 0", P.DELETED) : P.DELETED.isFalse();
    }

    private static Condition prefix(Field<String> field, String prefix) {
        return field.ge(prefix).and(field.lt(SearchText.prefixEnd(prefix)));
    }

    private void requireCpfFree(DSLContext dsl, String cpf, UUID exceptId) {
        if (cpf == null) {
            return;
        }
        dsl.select(P.ID, P.FULL_NAME).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(P.CPF.eq(cpf)).and(live(dsl))
                .and(exceptId == null ? DSL.trueCondition() : P.ID.ne(exceptId))
                .fetchOptional()
                .ifPresent(r -> {
                    throw new DomainException.Conflict("error.cpf.duplicate", new Cpf(cpf).formatted(), r.value2());
                });
    }

    private static Map<Field<?>, Object> values(PatientDraft d) {
        Map<Field<?>, Object> v = new HashMap<>();
        v.put(P.FULL_NAME, d.fullName());
        v.put(P.SOCIAL_NAME, d.socialName());
        v.put(P.CPF, d.cpf());
        v.put(P.BIRTH_DATE, d.birthDate());
        v.put(P.SEX, d.sex());
        v.put(P.PHONE, d.phone());
        v.put(P.EMAIL, d.email());
        v.put(P.ADDRESS, d.address());
        v.put(P.NOTES, d.notes());
        v.put(P.SEARCH_NAME, searchName(d));
        return v;
    }

    static String searchName(PatientDraft d) {
        return SearchText.fold(d.fullName());
    }

    private static String changedFields(PatientDraft before, PatientDraft after) {
        List<String> changed = new ArrayList<>();
        if (!java.util.Objects.equals(before.fullName(), after.fullName())) changed.add("full_name");
        if (!java.util.Objects.equals(before.socialName(), after.socialName())) changed.add("social_name");
        if (!java.util.Objects.equals(before.cpf(), after.cpf())) changed.add("cpf");
        if (!java.util.Objects.equals(before.birthDate(), after.birthDate())) changed.add("birth_date");
        if (!java.util.Objects.equals(before.sex(), after.sex())) changed.add("sex");
        if (!java.util.Objects.equals(before.phone(), after.phone())) changed.add("phone");
        if (!java.util.Objects.equals(before.email(), after.email())) changed.add("email");
        if (!java.util.Objects.equals(before.address(), after.address())) changed.add("address");
        if (!java.util.Objects.equals(before.notes(), after.notes())) changed.add("notes");
        return String.join(", ", changed);
    }

    private Optional<Patient> fetch(DSLContext dsl, UUID id) {
        return dsl.select(P.allFields()).from(P.table())
                .where(P.ID.eq(id)).and(P.CLINIC_ID.eq(data.clinicId()))
                .fetchOptional(PatientService::map);
    }

    static Patient map(Record r) {
        return new Patient(r.get(P.ID), r.get(P.CLINIC_ID), r.get(P.FULL_NAME), r.get(P.SOCIAL_NAME), r.get(P.CPF),
                r.get(P.BIRTH_DATE), r.get(P.SEX), r.get(P.PHONE), r.get(P.EMAIL), r.get(P.ADDRESS), r.get(P.NOTES),
                r.get(P.ROW_VERSION), r.get(P.UPDATED_AT), r.get(P.DELETED));
    }

    private LocalDate today() {
        return LocalDate.now(data.clock());
    }
}
