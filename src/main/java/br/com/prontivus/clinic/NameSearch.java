package br.com.prontivus.clinic;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.PatientSearchTerms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Name search: live patients of which every query word starts some word of the name, in name
 * order ({@code search_name, id}), at most {@code limit}. SQLite has no statistics, so the plan is
 * chosen here, per query, from the number of term-index entries of each word (counted up to
 * {@link #walkFrom}):
 *
 * <ul>
 *   <li><b>drive</b> (the rarest word has fewer than {@code walkFrom} matches, or the walk below
 *       came up short): the rarest word's range of the term index, the other words checked by
 *       {@code EXISTS} on the term index, sorted by the search_name each term carries (top-N sort,
 *       no patient row read), then the {@code limit} patients read by primary key. Cost grows with
 *       the matches, about 0.3 µs each.</li>
 *   <li><b>bounded walk</b> (every word is common): the first {@link #walkRows} patients in
 *       name order, keeping the live ones that have every word. If that yields {@code limit} patients
 *       they are the answer — any other match sorts after them; otherwise the drive runs. A plain
 *       walk was unbounded: a prefix of first names ("jo") matches few patients before the J's,
 *       and the walk read 40% of the clinic to get there.</li>
 * </ul>
 * Both plans return exactly the same rows. Terms exist only for live patients (delete and the pull
 * hook remove them in the same transaction), so both plans sort and cut on the indexes alone and
 * read just the final patients; that read still drops a deleted one, should the index ever lag.
 */
record NameSearch(UUID clinicId, int walkFrom, int walkRows) {

    /** Plan thresholds for a clinic of up to a few hundred thousand patients (measured at 100,000). */
    static NameSearch forClinic(UUID clinicId) {
        return new NameSearch(clinicId, 5_000, 2_500);
    }

    private static final Schema.Patients P = Schema.PATIENTS;
    private static final Field<UUID> T_PATIENT_ID = DSL.field(DSL.name("t", "patient_id"), SQLDataType.UUID);
    private static final Field<String> T_TERM = DSL.field(DSL.name("t", "term"), SQLDataType.CLOB);
    private static final Field<String> T_SEARCH_NAME = DSL.field(DSL.name("t", "search_name"), SQLDataType.CLOB);

    List<Patient> search(DSLContext dsl, List<String> terms, int limit) {
        // Counting costs one index step per entry, so each count stops where the answer is known:
        // at walkFrom, or at the fewest matches so far (a word with more is not the rarest). Longer
        // prefixes first: they are usually the rarest, which keeps the later counts short.
        List<String> byLength = new ArrayList<>(terms);
        byLength.sort(java.util.Comparator.comparingInt(String::length).reversed());
        String rarest = byLength.getFirst();
        int fewest = walkFrom;
        for (String term : byLength) {
            int n = dsl.fetchCount(dsl.selectOne().from(PatientSearchTerms.TABLE)
                    .where(PatientSearchTerms.CLINIC_ID.eq(clinicId))
                    .and(prefix(PatientSearchTerms.TERM, term))
                    .limit(fewest));
            if (n < fewest) {
                fewest = n;
                rarest = term;
            }
            if (fewest == 0) {
                return List.of();
            }
        }
        if (fewest >= walkFrom) {
            List<Patient> walked = walk(dsl, terms, limit);
            if (walked.size() == limit) {
                return walked;
            }
        }
        return drive(dsl, terms, rarest, limit);
    }

    /**
     * The matches among the first {@link #walkRows} patients in name order (see the class comment),
     * read from the name index in order until {@code limit} match (ties of the last name included).
     * Reads only the name index and the term index; the matching patients are read at the end.
     * Exact: a match beyond those rows sorts after all of them.
     */
    List<Patient> walk(DSLContext dsl, List<String> terms, int limit) {
        // The name of the walkRows-th patient bounds the walk; the walk itself stops at the limit.
        String bound = dsl.select(P.SEARCH_NAME).from(P.table())
                .where(P.CLINIC_ID.eq(clinicId))
                .orderBy(P.SEARCH_NAME, P.ID)
                .limit(1).offset(walkRows - 1)
                .fetchOne(P.SEARCH_NAME);
        Condition all = DSL.trueCondition();
        for (String term : terms) {
            all = all.and(namesHave(P.ID, P.SEARCH_NAME, term));
        }
        List<UUID> ids = dsl.select(P.ID).from(P.table())
                .where(P.CLINIC_ID.eq(clinicId))
                .and(bound == null ? DSL.trueCondition() : P.SEARCH_NAME.le(bound))
                .and(all)
                .orderBy(P.SEARCH_NAME, P.ID)
                .limit(limit)
                .fetch(P.ID);
        return patientsInOrder(dsl, ids);
    }

    /** The rarest word's matches, filtered and sorted in the term index, then their patients (see the class comment). */
    List<Patient> drive(DSLContext dsl, List<String> terms, String rarest, int limit) {
        Condition others = othersOf(terms, rarest);
        // A patient with two words matching the rarest prefix has two entries, side by side in this
        // order; twice the limit leaves room for them, and a page that is all pairs falls back to DISTINCT.
        int window = 2 * limit;
        List<UUID> rows = driveQuery(dsl, rarest, others, window).fetch(PatientSearchTerms.PATIENT_ID);
        List<UUID> ids = distinctInOrder(rows, limit);
        if (ids.size() < limit && rows.size() == window) {
            ids = dsl.selectDistinct(PatientSearchTerms.PATIENT_ID, PatientSearchTerms.SEARCH_NAME)
                    .from(PatientSearchTerms.TABLE)
                    .where(PatientSearchTerms.CLINIC_ID.eq(clinicId))
                    .and(prefix(PatientSearchTerms.TERM, rarest))
                    .and(others)
                    .orderBy(PatientSearchTerms.SEARCH_NAME, PatientSearchTerms.PATIENT_ID)
                    .limit(limit)
                    .fetch(PatientSearchTerms.PATIENT_ID);
        }
        return patientsInOrder(dsl, ids);
    }

    /**
     * The live patients of {@code ids}, in the order given (the search's order, taken from the
     * indexes). Only {@code id IN (…)} goes to SQL: with {@code clinic_id = ?} beside it SQLite
     * preferred walking the clinic's name index to save the sort, 40 ms instead of 50 lookups.
     */
    private List<Patient> patientsInOrder(DSLContext dsl, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Patient> byId = new HashMap<>();
        dsl.select(P.allFields()).from(P.table()).where(P.ID.in(ids))
                .fetch(PatientService::map)
                .forEach(p -> byId.put(p.id(), p));
        List<Patient> found = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Patient p = byId.get(id);
            if (p != null && !p.deleted() && p.clinicId().equals(clinicId)) {
                found.add(p);
            }
        }
        return found;
    }

    private static List<UUID> distinctInOrder(List<UUID> rows, int limit) {
        List<UUID> ids = new ArrayList<>(limit);
        UUID previous = null;
        for (UUID id : rows) {
            if (!id.equals(previous)) { // equal ids are adjacent: same (search_name, patient_id)
                ids.add(id);
                if (ids.size() == limit) {
                    break;
                }
            }
            previous = id;
        }
        return ids;
    }

    /** Every word but the rarest, checked on each of the rarest word's matches. */
    private static Condition othersOf(List<String> terms, String rarest) {
        Condition others = DSL.trueCondition();
        for (String term : terms) {
            if (!term.equals(rarest)) {
                others = others.and(namesHave(PatientSearchTerms.PATIENT_ID, PatientSearchTerms.SEARCH_NAME, term));
            }
        }
        return others;
    }

    /** The drive's first page: the rarest word's matches that have the other words, in name order. */
    org.jooq.ResultQuery<org.jooq.Record1<UUID>> driveQuery(DSLContext dsl, String rarest, Condition others, int window) {
        return dsl.select(PatientSearchTerms.PATIENT_ID).from(PatientSearchTerms.TABLE)
                .where(PatientSearchTerms.CLINIC_ID.eq(clinicId))
                .and(prefix(PatientSearchTerms.TERM, rarest))
                .and(others)
                .orderBy(PatientSearchTerms.SEARCH_NAME, PatientSearchTerms.PATIENT_ID)
                .limit(window);
    }

    /** {@link #driveQuery} for {@code terms} as {@link #search} would run it with {@code rarest} (plan tests). */
    org.jooq.ResultQuery<org.jooq.Record1<UUID>> driveQuery(DSLContext dsl, List<String> terms, String rarest, int window) {
        return driveQuery(dsl, rarest, othersOf(terms, rarest), window);
    }

    /**
     * The patient has a name word starting with {@code term}: a word of its full name, found in its
     * search_name (the folded full name, whose words are its full-name terms), or else a word of its
     * social name, which only the term index holds. The first costs a substring search in a value
     * the query has at hand; a seek in the index of every term for each candidate was most of a
     * two-word search (~2 µs per candidate, 3,000+ candidates for a common surname). The second
     * looks only among the terms that are not words of search_name, which the partial index
     * {@code ix_patient_search_terms_social} holds (its WHERE is {@link #notAWordOfSearchName},
     * spelled alike so that SQLite sees that the query implies it): patients without a social name
     * have no entry there.
     */
    private static Condition namesHave(Field<UUID> patientId, Field<String> searchName, String term) {
        Condition inFullName = DSL.position(DSL.inline(" ").concat(searchName), DSL.val(" " + term)).gt(DSL.inline(0));
        Condition inSocialName = DSL.exists(DSL.selectOne().from(PatientSearchTerms.TABLE.as("t"))
                .where(T_PATIENT_ID.eq(patientId))
                .and(prefix(T_TERM, term))
                .and(notAWordOfSearchName()));
        return inFullName.or(inSocialName);
    }

    /** {@code instr(' ' || search_name || ' ', ' ' || term || ' ') = 0}: the WHERE of ix_patient_search_terms_social. */
    private static Condition notAWordOfSearchName() {
        return DSL.position(DSL.inline(" ").concat(T_SEARCH_NAME).concat(DSL.inline(" ")),
                DSL.inline(" ").concat(T_TERM).concat(DSL.inline(" "))).eq(DSL.inline(0));
    }

    private static Condition prefix(Field<String> field, String prefix) {
        return field.ge(prefix).and(field.lt(SearchText.prefixEnd(prefix)));
    }
}
