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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PatientSearchIndex.class);

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
        for (String term : SearchText.termsOfFolded(searchName, SearchText.fold(socialName))) {
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

        /** A bulk load folds the names as the chunks arrive, so the rebuild need not read them back. */
        @Override
        public java.util.Optional<BulkDerivation> bulkDerivation(SyncedTable table, UUID clinicId) {
            return table == Schema.PATIENTS ? java.util.Optional.of(new TermsOfLoadedPatients(clinicId))
                    : java.util.Optional.empty();
        }
    };

    /**
     * The terms of a bulk load's patients, worked out while the load runs: on the pull's reader
     * thread, beside the thread that writes the rows, names are folded and their words numbered
     * (reading a million patients back and folding them was about a fifth of the rebuild). A chunk
     * counts once it is written; {@link #writeAll} then keeps the last version of each patient (a
     * deleted one has no terms) and writes what {@link #rebuildClinic} would: the same fold of the
     * same rows, in the same key order, through the same sorted insert.
     */
    private static final class TermsOfLoadedPatients implements RowApplyHook.BulkDerivation {
        private final UUID clinicId;
        // The reader thread's (prepare); read by writeAll once the load is over (see BulkDerivation).
        private final TermNumbers terms = new TermNumbers();
        // The writing thread's: chunks whose rows are written, in the order they were.
        private final List<Chunk> written = new ArrayList<>();

        /** One chunk's patients: id as stored, search_name and term numbers; no search_name when deleted. */
        private record Chunk(String[] ids, String[] searchNames, int[][] terms) {
        }

        TermsOfLoadedPatients(UUID clinicId) {
            this.clinicId = clinicId;
        }

        @Override
        public RowApplyHook.Prepared prepare(List<RowApplyHook.AppliedRow> pulled) {
            int n = pulled.size();
            Chunk chunk = new Chunk(new String[n], new String[n], new int[n][]);
            for (int i = 0; i < n; i++) {
                RowApplyHook.AppliedRow r = pulled.get(i);
                chunk.ids()[i] = r.rowId().toString(); // the id's text, as the patient row stores it
                if (r.deleted()) {
                    continue;
                }
                String searchName = SearchText.fold((String) r.row().get("full_name"));
                chunk.searchNames()[i] = searchName;
                chunk.terms()[i] = terms.numbersOf(SearchText.termsOfFolded(searchName,
                        SearchText.fold((String) r.row().get("social_name"))));
            }
            return () -> written.add(chunk);
        }

        @Override
        public void writeAll(DSLContext tx) {
            long t0 = System.nanoTime();
            Map<String, Patient> patients = new LinkedHashMap<>();
            for (Chunk chunk : written) {
                for (int i = 0; i < chunk.ids().length; i++) {
                    if (chunk.searchNames()[i] == null) {
                        patients.remove(chunk.ids()[i]);
                    } else {
                        patients.put(chunk.ids()[i], new Patient(chunk.ids()[i], chunk.searchNames()[i], chunk.terms()[i]));
                    }
                }
            }
            int rows = 0;
            for (Patient p : patients.values()) {
                rows += p.terms().length;
            }
            Collected collected = new Collected(clinicId.toString(), new ArrayList<>(patients.values()), terms.terms(), rows);
            tx.deleteFrom(PatientSearchTerms.TABLE).where(PatientSearchTerms.CLINIC_ID.eq(clinicId)).execute();
            tx.connection(c -> writeSorted(c, collected));
            LOG.info("Search terms of clinic {} written from the bulk load: {} patients and {} terms in {} ms",
                    clinicId, patients.size(), rows, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Rebuilds the clinic's whole word index from its patients. The terms are computed in Java
     * exactly as {@link #index} does, sorted in Java by the table's primary key (clinic_id, term,
     * patient_id) and inserted in that order straight into the WITHOUT ROWID table: every insert
     * then appends to the rightmost leaf of the B-tree, with no temporary table and no SQLite
     * sorter (which together took about half of the rebuild). Rows go through one cached prepared
     * statement of {@link #ROWS_PER_INSERT} rows, so a statement execution serves many rows.
     *
     * <p>Memory stays compact for a large clinic: each patient is one small object (its id and
     * search_name as stored, its term numbers), each distinct term string is held once, and each
     * term row is one {@code long} (term rank, patient rank), sorted with {@code Arrays.parallelSort}.
     * Ids and clinic ids are copied as the patient rows store them.
     */
    public static void rebuildClinic(DSLContext tx, UUID clinicId) {
        tx.deleteFrom(PatientSearchTerms.TABLE).where(PatientSearchTerms.CLINIC_ID.eq(clinicId)).execute();
        tx.connection(c -> {
            long t0 = System.nanoTime();
            Collected collected = collect(c, clinicId.toString());
            long t1 = System.nanoTime();
            writeSorted(c, collected);
            LOG.info("Search terms of clinic {} rebuilt: {} patients and {} terms read and folded in {} ms,"
                    + " sorted and written in {} ms", clinicId, collected.patients().size(), collected.rows(),
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        });
    }

    /** Rows per multi-row INSERT of the rebuild (4 parameters each, far below SQLite's limit). */
    static final int ROWS_PER_INSERT = 64;

    /** A live patient read by the rebuild: its id as stored, its search_name, its term numbers. */
    private record Patient(String id, String searchName, int[] terms) {
    }

    /** Everything the rebuild read: patients, the distinct term strings, the term rows' count. */
    private record Collected(String clinicId, List<Patient> patients, List<String> terms, int rows) {
    }

    /**
     * Reads the live patients of the clinic and computes their terms. Folding names costs about as
     * much as reading them: a worker folds slice n while this thread reads slice n+1, so on a
     * machine with a free core the two overlap. The worker alone numbers the distinct terms (no
     * shared map).
     */
    private static Collected collect(java.sql.Connection c, String clinicId) throws java.sql.SQLException {
        java.util.concurrent.ExecutorService folder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prontivus-term-folder");
            t.setDaemon(true);
            return t;
        });
        TermNumbers terms = new TermNumbers();
        List<Patient> patients = new ArrayList<>();
        int[] rows = {0};
        java.util.function.Function<List<String[]>, Void> fold = slice -> {
            for (String[] p : slice) {
                String searchName = SearchText.fold(p[1]);
                int[] numbers = terms.numbersOf(SearchText.termsOfFolded(searchName, SearchText.fold(p[2])));
                rows[0] += numbers.length;
                patients.add(new Patient(p[0], searchName, numbers));
            }
            return null;
        };
        try (java.sql.PreparedStatement select = c.prepareStatement("SELECT id, full_name, social_name"
                + " FROM patients WHERE clinic_id = ? AND deleted = 0")) {
            select.setString(1, clinicId); // jOOQ stores UUIDs as their text form in SQLite
            try (java.sql.ResultSet rs = select.executeQuery()) {
                java.util.concurrent.Future<Void> folding = null;
                while (true) {
                    List<String[]> slice = readSlice(rs);
                    if (folding != null) {
                        await(folding);
                    }
                    if (slice.isEmpty()) {
                        break;
                    }
                    folding = folder.submit(() -> fold.apply(slice));
                }
            }
        } finally {
            folder.shutdown();
        }
        // The executor's submit/get pairs order the worker's writes before this thread's reads.
        // Selected by clinic_id = ? (BINARY): every row stores exactly this text as its clinic_id.
        return new Collected(clinicId, patients, terms.terms(), rows[0]);
    }

    /** Numbers the distinct terms of a rebuild as they are met, so a patient holds its terms as ints. For one thread. */
    private static final class TermNumbers {
        private final Map<String, Integer> numbers = new java.util.HashMap<>();
        private final List<String> terms = new ArrayList<>();

        int[] numbersOf(java.util.Set<String> words) {
            int[] result = new int[words.size()];
            int i = 0;
            for (String word : words) {
                Integer n = numbers.get(word);
                if (n == null) {
                    n = terms.size();
                    numbers.put(word, n);
                    terms.add(word);
                }
                result[i++] = n;
            }
            return result;
        }

        /** The distinct terms, each at its number. */
        List<String> terms() {
            return terms;
        }
    }

    /**
     * Sorts the term rows by (term, patient_id) as SQLite's BINARY collation orders the key (UTF-8
     * bytes, i.e. code points; every row has the same clinic_id) and inserts them in that order.
     */
    private static void writeSorted(java.sql.Connection c, Collected collected) throws java.sql.SQLException {
        List<Patient> patients = collected.patients();
        if (patients.isEmpty()) {
            return;
        }
        long sortStart = System.nanoTime();
        Patient[] byId = patients.toArray(Patient[]::new);
        java.util.Arrays.parallelSort(byId, (a, b) -> compareCodePoints(a.id(), b.id()));
        int termCount = collected.terms().size();
        Integer[] termOrder = new Integer[termCount];
        for (int i = 0; i < termCount; i++) {
            termOrder[i] = i;
        }
        List<String> terms = collected.terms();
        java.util.Arrays.parallelSort(termOrder, (a, b) -> compareCodePoints(terms.get(a), terms.get(b)));
        int[] rankOfTerm = new int[termCount];
        String[] termByRank = new String[termCount];
        for (int rank = 0; rank < termCount; rank++) {
            rankOfTerm[termOrder[rank]] = rank;
            termByRank[rank] = terms.get(termOrder[rank]);
        }
        long[] keys = new long[collected.rows()];
        int k = 0;
        for (int p = 0; p < byId.length; p++) {
            for (int term : byId[p].terms()) {
                keys[k++] = ((long) rankOfTerm[term] << 32) | p;
            }
        }
        java.util.Arrays.parallelSort(keys);
        LOG.info("Search term rebuild: {} distinct terms, {} rows sorted in {} ms", termCount, keys.length,
                (System.nanoTime() - sortStart) / 1_000_000);
        String clinicId = collected.clinicId();
        try (java.sql.PreparedStatement many = c.prepareStatement(insertSql(ROWS_PER_INSERT, clinicId))) {
            // Bound on the driver's own statement: through the writer's statement cache (a dynamic
            // proxy) each of the ~12 million set calls would be a reflective call. Executions still go
            // through the cache, which retires a statement that failed.
            java.sql.PreparedStatement direct = many.unwrap(java.sql.PreparedStatement.class);
            int full = keys.length - keys.length % ROWS_PER_INSERT;
            for (int start = 0; start < full; start += ROWS_PER_INSERT) {
                bindRows(direct, keys, start, ROWS_PER_INSERT, termByRank, byId);
                many.executeUpdate();
            }
            int rest = keys.length - full;
            if (rest > 0) {
                try (java.sql.PreparedStatement last = c.prepareStatement(insertSql(rest, clinicId))) {
                    bindRows(last, keys, full, rest, termByRank, byId);
                    last.executeUpdate();
                }
            }
        }
    }

    /**
     * The multi-row INSERT of the rebuild. Every row has the same clinic_id, so it is written into
     * the statement as a literal instead of being bound once per row: a quarter fewer values to
     * convert and bind. The text is a UUID's canonical form (checked), quoted as SQL requires.
     */
    private static String insertSql(int rows, String clinicId) {
        UUID.fromString(clinicId); // only ever a UUID's text: never arbitrary text in the SQL
        String literal = "'" + clinicId.replace("'", "''") + "'";
        StringBuilder sql = new StringBuilder("INSERT INTO patient_search_terms (clinic_id, term, patient_id, search_name) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(" : ", (").append(literal).append(", ?, ?, ?)");
        }
        return sql.toString();
    }

    private static void bindRows(java.sql.PreparedStatement insert, long[] keys, int start, int count,
                                 String[] termByRank, Patient[] byId) throws java.sql.SQLException {
        int param = 1;
        for (int i = start; i < start + count; i++) {
            Patient p = byId[(int) keys[i]];
            insert.setString(param++, termByRank[(int) (keys[i] >>> 32)]);
            insert.setString(param++, p.id());
            insert.setString(param++, p.searchName());
        }
    }

    /**
     * Code point order, which is the byte order of UTF-8 and so SQLite's BINARY collation of TEXT.
     * Java's UTF-16 order agrees with it everywhere except where a surrogate (U+D800–U+DFFF, part of
     * a code point above U+FFFF) meets a unit of U+E000–U+FFFF; only that case is fixed up (as ICU
     * does), so a million ids sort at the speed of {@code String.compareTo} instead of decoding every
     * code point (the decoding was ~15 % of a 1M-patient rebuild).
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return Integer.compare(codePointRank(x), codePointRank(y));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Moves surrogates above U+E000–U+FFFF, where the code points they encode belong. */
    private static int codePointRank(char c) {
        return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
    }

    private static final int REBUILD_SLICE = 10_000;

    /** Up to {@link #REBUILD_SLICE} patients: id, full_name, social_name. */
    private static List<String[]> readSlice(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<String[]> slice = new ArrayList<>(REBUILD_SLICE);
        while (slice.size() < REBUILD_SLICE && rs.next()) {
            slice.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        return slice;
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
            for (String term : SearchText.termsOfFolded(searchName, SearchText.fold(p.socialName()))) {
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
