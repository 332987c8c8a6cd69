package br.com.prontivus.clinic;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.PatientSearchTerms;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.sync.RowApplyHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Maintains the word index behind name search. It is derived data: whoever writes a patient's
 * names (a service here, the sync engine when it pulls) calls {@link #reindex} in the same transaction.
 * Each term carries the patient's search_name ({@code SearchText.fold(fullName)}, as the patient row
 * has it), the order of search results, so a search sorts its matches without reading the patients.
 */
public final class PatientSearchIndex {

    private PatientSearchIndex() {
    }

    public static void reindex(DSLContext tx, UUID clinicId, UUID patientId, String fullName, String socialName) {
        remove(tx, patientId);
        index(tx, clinicId, patientId, fullName, socialName);
    }

    /** Indexes a patient that has no terms yet (just inserted in this transaction). */
    public static void index(DSLContext tx, UUID clinicId, UUID patientId, String fullName, String socialName) {
        var insert = tx.insertInto(PatientSearchTerms.TABLE, PatientSearchTerms.CLINIC_ID, PatientSearchTerms.TERM,
                PatientSearchTerms.PATIENT_ID, PatientSearchTerms.SEARCH_NAME);
        String searchName = SearchText.fold(fullName);
        boolean any = false;
        for (String term : SearchText.terms(fullName, socialName)) {
            insert = insert.values(clinicId, term, patientId, searchName);
            any = true;
        }
        if (any) {
            insert.execute();
        }
    }

    /** Keeps the index in step with patients written by a pull (registered by the composition root). */
    public static final RowApplyHook PULL_HOOK = new RowApplyHook() {
        @Override
        public void applied(DSLContext tx, SyncedTable table, UUID clinicId, UUID rowId, Map<String, Object> row,
                            boolean deleted) {
            if (table == Schema.PATIENTS) {
                if (deleted) {
                    remove(tx, rowId);
                } else {
                    reindex(tx, clinicId, rowId, (String) row.get("full_name"), (String) row.get("social_name"));
                }
            }
        }

        /**
         * A pulled chunk (up to thousands of patients; a bootstrap pulls them all): the old terms of
         * every patient of the chunk go in one DELETE batch, the new terms of the live ones in one
         * INSERT batch, instead of a DELETE and an INSERT per patient. Same end state as per row.
         */
        @Override
        public void appliedAll(DSLContext tx, SyncedTable table, UUID clinicId, List<AppliedRow> rows) {
            if (table != Schema.PATIENTS || rows.isEmpty()) {
                return;
            }
            removeAll(tx, rows.stream().map(AppliedRow::rowId).toList());
            // A patient may appear once per chunk (the pull reads its latest version), but keep the
            // last occurrence anyway so the result matches the per-row order exactly.
            Map<UUID, AppliedRow> last = new LinkedHashMap<>();
            rows.forEach(r -> last.put(r.rowId(), r));
            List<Names> live = new ArrayList<>();
            for (AppliedRow r : last.values()) {
                if (!r.deleted()) {
                    live.add(new Names(r.rowId(), (String) r.row().get("full_name"), (String) r.row().get("social_name")));
                }
            }
            indexAll(tx, clinicId, live);
        }

        /**
         * After a bulk bootstrap: the terms of every live patient of the clinic, from the rows as
         * loaded. The per-row path leaves exactly these (a patient's terms follow its last applied
         * version, a deleted patient has none), so they are computed from the final rows once.
         */
        /** Every term row names a live patient of the clinic read by the same rebuild. */
        @Override
        public boolean rebuildReferencesOnlyRowsItReads() {
            return true;
        }

        @Override
        public void rebuildAll(DSLContext tx, SyncedTable table, UUID clinicId) {
            if (table == Schema.PATIENTS) {
                rebuildClinic(tx, clinicId);
            }
        }
    };

    /**
     * Rebuilds the clinic's whole word index from its patients, in one statement sorted by the
     * table's key: the terms are computed in Java (as {@link #index} does) into a temporary table,
     * then one {@code INSERT … SELECT … ORDER BY} lets SQLite sort them (memory-bounded, spilling to
     * temporary files for a large clinic) and append them to the B-tree in key order, page after
     * page. Ids and clinic ids are copied as the patient rows store them.
     */
    public static void rebuildClinic(DSLContext tx, UUID clinicId) {
        tx.deleteFrom(PatientSearchTerms.TABLE).where(PatientSearchTerms.CLINIC_ID.eq(clinicId)).execute();
        tx.execute("DROP TABLE IF EXISTS temp.rebuilt_search_terms");
        tx.execute("CREATE TEMP TABLE rebuilt_search_terms (clinic_id TEXT NOT NULL, term TEXT NOT NULL,"
                + " patient_id TEXT NOT NULL, search_name TEXT NOT NULL)");
        // Folding names (Unicode normalisation, two regular expressions per name) costs about as much
        // as SQLite's inserts: a worker folds slice n while this thread reads slice n+1 and writes the
        // terms of slice n-1, so on a machine with a free core the two overlap.
        java.util.concurrent.ExecutorService folder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prontivus-term-folder");
            t.setDaemon(true);
            return t;
        });
        try {
            tx.connection(c -> {
                try (java.sql.PreparedStatement select = c.prepareStatement("SELECT id, clinic_id, full_name, social_name"
                        + " FROM patients WHERE clinic_id = ? AND deleted = 0");
                     java.sql.PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO temp.rebuilt_search_terms VALUES (?, ?, ?, ?)")) {
                    select.setString(1, clinicId.toString()); // jOOQ stores UUIDs as their text form in SQLite
                    try (java.sql.ResultSet rs = select.executeQuery()) {
                        List<String[]> slice = readSlice(rs);
                        java.util.concurrent.Future<List<String[]>> folding = folder.submit(() -> termRows(slice));
                        while (true) {
                            List<String[]> next = readSlice(rs);
                            List<String[]> terms = await(folding);
                            if (!next.isEmpty()) {
                                folding = folder.submit(() -> termRows(next));
                            }
                            for (String[] t : terms) {
                                for (int i = 0; i < 4; i++) {
                                    insert.setString(i + 1, t[i]);
                                }
                                insert.addBatch();
                            }
                            insert.executeBatch();
                            if (next.isEmpty()) {
                                break;
                            }
                        }
                    }
                }
            });
        } finally {
            folder.shutdown();
        }
        tx.execute("INSERT INTO patient_search_terms (clinic_id, term, patient_id, search_name)"
                + " SELECT clinic_id, term, patient_id, search_name FROM temp.rebuilt_search_terms"
                + " ORDER BY clinic_id, term, patient_id");
        tx.execute("DROP TABLE temp.rebuilt_search_terms");
    }

    private static final int REBUILD_SLICE = 10_000;

    /** Up to {@link #REBUILD_SLICE} patients: id, clinic_id, full_name, social_name. */
    private static List<String[]> readSlice(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<String[]> slice = new ArrayList<>(REBUILD_SLICE);
        while (slice.size() < REBUILD_SLICE && rs.next()) {
            slice.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
        return slice;
    }

    /** The term rows (clinic_id, term, patient_id, search_name) of a slice, exactly as {@link #index} writes them. */
    private static List<String[]> termRows(List<String[]> patients) {
        List<String[]> rows = new ArrayList<>(patients.size() * 4);
        for (String[] p : patients) {
            String searchName = SearchText.fold(p[2]);
            for (String term : SearchText.terms(p[2], p[3])) {
                rows.add(new String[] {p[1], term, p[0], searchName});
            }
        }
        return rows;
    }

    private static <T> T await(java.util.concurrent.Future<T> work) {
        try {
            return work.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rebuilding the search terms", e);
        }
    }

    /** Removes the terms of many patients as one statement batch. */
    public static void removeAll(DSLContext tx, List<UUID> patientIds) {
        if (patientIds.isEmpty()) {
            return;
        }
        org.jooq.BatchBindStep batch = tx.batch(tx.deleteFrom(PatientSearchTerms.TABLE)
                .where(PatientSearchTerms.PATIENT_ID.eq((UUID) null)));
        for (UUID id : patientIds) {
            batch = batch.bind(id);
        }
        batch.execute();
    }

    /** A patient's names, for {@link #indexAll}. */
    public record Names(UUID patientId, String fullName, String socialName) {
    }

    /** One row of the word index. */
    private record Term(String term, UUID patientId, String searchName) {
    }

    /** Orders terms as the table's primary key does (clinic, term, patient id as text). */
    private static final java.util.Comparator<Term> KEY_ORDER =
            java.util.Comparator.comparing(Term::term).thenComparing(t -> t.patientId().toString());

    /**
     * Indexes many patients that have no terms yet, as one statement batch, sent in the order of
     * the table's primary key: a chunk's terms (about 20,000 for 5,000 pulled patients) then land
     * on the B-tree's pages one page after the other instead of at random, so each page is read
     * and dirtied once per chunk. The rows written are the same in any order.
     */
    public static void indexAll(DSLContext tx, UUID clinicId, java.util.List<Names> patients) {
        List<Term> terms = new ArrayList<>();
        for (Names p : patients) {
            String searchName = SearchText.fold(p.fullName());
            for (String term : SearchText.terms(p.fullName(), p.socialName())) {
                terms.add(new Term(term, p.patientId(), searchName));
            }
        }
        if (terms.isEmpty()) {
            return;
        }
        terms.sort(KEY_ORDER);
        Term first = terms.getFirst();
        org.jooq.BatchBindStep batch = tx.batch(tx.insertInto(PatientSearchTerms.TABLE,
                        PatientSearchTerms.CLINIC_ID, PatientSearchTerms.TERM, PatientSearchTerms.PATIENT_ID,
                        PatientSearchTerms.SEARCH_NAME)
                .values(clinicId, first.term(), first.patientId(), first.searchName()));
        for (Term t : terms) {
            batch = batch.bind(clinicId, t.term(), t.patientId(), t.searchName());
        }
        batch.execute();
    }

    public static void remove(DSLContext tx, UUID patientId) {
        tx.deleteFrom(PatientSearchTerms.TABLE).where(PatientSearchTerms.PATIENT_ID.eq(patientId)).execute();
    }
}
