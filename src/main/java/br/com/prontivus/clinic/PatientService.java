package br.com.prontivus.clinic;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.PatientSearchTerms;
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
            tx.insert(P, id, values(draft));
            PatientSearchIndex.reindex(tx.dsl(), tx.clinicId(), id, draft.fullName(), draft.socialName());
            tx.audit("patient.register", "patients", id, "registered " + draft.fullName());
            return fetch(tx.dsl(), id).orElseThrow();
        });
    }

    /** Outcome of {@link #registerBatch}: the ids registered, and each refused draft with its reason. */
    public record BatchResult(List<UUID> registered, List<Rejection> rejected) {
        public BatchResult {
            registered = List.copyOf(registered);
            rejected = List.copyOf(rejected);
        }
    }

    /** Draft number {@code index} (0-based, in the order given) was refused for {@code reason}; nothing of it was written. */
    public record Rejection(int index, DomainException reason) {
    }

    /**
     * Registers many patients in one transaction (imports): each draft is validated as
     * {@link #register} validates it, a CPF already registered or repeated earlier in the batch is
     * refused, and the valid drafts are written with their outbox and audit entries. A refused draft
     * does not stop the others: it is reported in {@link BatchResult#rejected()}.
     */
    public BatchResult registerBatch(Actor actor, List<PatientDraft> inputs) {
        LocalDate today = today();
        List<PatientDraft> drafts = new ArrayList<>(inputs.size());
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> cpfs = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            PatientDraft draft = null;
            try {
                draft = inputs.get(i).normalized(today);
                if (draft.cpf() != null && cpfs.putIfAbsent(draft.cpf(), i) != null) {
                    throw new DomainException.Conflict("error.cpf.duplicate_in_batch", new Cpf(draft.cpf()).formatted());
                }
            } catch (DomainException e) {
                rejected.add(new Rejection(i, e));
                draft = null;
            }
            drafts.add(draft);
        }
        return data.write(actor, tx -> {
            Map<String, String> taken = new HashMap<>();
            if (!cpfs.isEmpty()) {
                for (List<String> chunk : chunks(List.copyOf(cpfs.keySet()), 500)) {
                    tx.dsl().select(P.CPF, P.FULL_NAME).from(P.table())
                            .where(P.CLINIC_ID.eq(data.clinicId())).and(P.DELETED.isFalse()).and(P.CPF.in(chunk))
                            .forEach(r -> taken.put(r.value1(), r.value2()));
                }
            }
            List<UUID> ids = new ArrayList<>();
            List<Rejection> refused = new ArrayList<>(rejected);
            for (int i = 0; i < drafts.size(); i++) {
                PatientDraft draft = drafts.get(i);
                if (draft == null) {
                    continue;
                }
                if (draft.cpf() != null && taken.containsKey(draft.cpf())) {
                    refused.add(new Rejection(i, new DomainException.Conflict("error.cpf.duplicate",
                            new Cpf(draft.cpf()).formatted(), taken.get(draft.cpf()))));
                    continue;
                }
                UUID id = Ids.newId();
                tx.insert(P, id, values(draft));
                PatientSearchIndex.reindex(tx.dsl(), tx.clinicId(), id, draft.fullName(), draft.socialName());
                tx.audit("patient.import", "patients", id, "imported " + draft.fullName());
                ids.add(id);
            }
            refused.sort(java.util.Comparator.comparingInt(Rejection::index));
            return new BatchResult(ids, refused);
        });
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
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
     */
    public List<Patient> search(String query, int limit) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        String digits = trimmed.replaceAll("[.\\-()\\s/]", "");
        Condition condition;
        if (digits.matches("\\d+")) {
            condition = prefix(P.CPF, digits).or(prefix(P.PHONE, digits));
        } else {
            condition = DSL.trueCondition();
            for (String term : SearchText.terms(trimmed)) {
                condition = condition.and(P.ID.in(DSL.select(PatientSearchTerms.PATIENT_ID)
                        .from(PatientSearchTerms.TABLE)
                        .where(PatientSearchTerms.CLINIC_ID.eq(data.clinicId()))
                        .and(PatientSearchTerms.TERM.ge(term))
                        .and(PatientSearchTerms.TERM.lt(SearchText.prefixEnd(term)))));
            }
        }
        Condition where = condition;
        return data.read(dsl -> dsl.select(P.allFields()).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(P.DELETED.isFalse()).and(where)
                .orderBy(P.SEARCH_NAME, P.ID)
                .limit(limit)
                .fetch(PatientService::map));
    }

    /** Possible duplicates of a draft: same CPF, or same folded name and birth date. */
    public List<Patient> possibleDuplicates(PatientDraft input, UUID exceptId) {
        PatientDraft draft = input.normalized(today());
        Condition sameCpf = draft.cpf() == null ? DSL.falseCondition() : P.CPF.eq(draft.cpf());
        Condition sameNameAndBirth = draft.birthDate() == null ? DSL.falseCondition()
                : P.SEARCH_NAME.eq(searchName(draft)).and(P.BIRTH_DATE.eq(draft.birthDate()));
        return data.read(dsl -> dsl.select(P.allFields()).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(P.DELETED.isFalse())
                .and(sameCpf.or(sameNameAndBirth))
                .and(exceptId == null ? DSL.trueCondition() : P.ID.ne(exceptId))
                .fetch(PatientService::map));
    }

    private static Condition prefix(Field<String> field, String prefix) {
        return field.ge(prefix).and(field.lt(SearchText.prefixEnd(prefix)));
    }

    private void requireCpfFree(DSLContext dsl, String cpf, UUID exceptId) {
        if (cpf == null) {
            return;
        }
        dsl.select(P.ID, P.FULL_NAME).from(P.table())
                .where(P.CLINIC_ID.eq(data.clinicId())).and(P.CPF.eq(cpf)).and(P.DELETED.isFalse())
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
