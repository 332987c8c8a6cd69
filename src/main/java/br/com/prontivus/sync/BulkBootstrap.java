package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.store.StoreException;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk form of a new desktop's first pull: the big synced tables are loaded with only their
 * primary keys, and their secondary indexes and the derived data of the pull hooks (the name-search
 * terms) are built once at the end, from the loaded rows, instead of row by row in every chunk.
 * Per patient the per-chunk path paid four secondary index entries with random keys and ~4 term
 * rows keyed by the term; building them sorted at the end costs a fraction of that.
 *
 * <p>Crash safety. {@link #begin} writes a marker table ({@value #MARKER}) in the same transaction
 * that drops the indexes: the SQL of every dropped index (read from {@code sqlite_master}) and one
 * row per table whose derived data is to be rebuilt. {@link #finish} runs the steps in order, each
 * in its own transaction that also deletes its marker row, and drops the marker last, so a crash
 * anywhere leaves either the old state or a marker that says exactly what is still missing. Every
 * process start ({@link #recoverAtStart}) and every pull act on a marker first: they finish the
 * load before anything reads or writes the clinic's data. The pull cursor commits with each chunk's
 * rows as always, so the bootstrap itself resumes where it stopped.
 *
 * <p>Uniqueness. The partial unique index {@code ux_patients_cpf} (CPF per clinic among live
 * patients) is dropped too. That is safe because every row written meanwhile comes from the server,
 * whose own unique index on the same columns and predicate holds for every committed state, and the
 * pull ends on the state of one server snapshot (its cursor), which is then checked again by the
 * rebuilt unique index. No local write may come in between: the pulling thread holds the writer of
 * its own process for the whole load (see {@code SqliteDatabase.excludingOtherWriters}), a process
 * started meanwhile refuses to open while the loader still holds the sync lock, and guard triggers
 * on {@code patients} fail every insert or update made through any other connection, since only
 * the loader's connection knows the function {@value #GUARD_FUNCTION} that they call.
 */
public final class BulkBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(BulkBootstrap.class);

    /** The marker table; it exists only while a bulk load is unfinished. */
    static final String MARKER = "sync_bulk_load";
    /** Known only to the loading connection: the guard triggers fail everywhere else. */
    static final String GUARD_FUNCTION = "prontivus_bulk_bootstrap";

    /** Synced tables loaded without their secondary indexes and without per-chunk hook calls. */
    static final List<SyncedTable> TABLES = List.of(Schema.PATIENTS, Schema.APPOINTMENTS, Schema.AUDIT_LOG);
    /** Tables whose secondary indexes are dropped: the bulk tables and the search terms derived from patients. */
    private static final List<String> INDEXED_TABLES = List.of("patients", "appointments", "audit_log",
            "patient_search_terms");
    /**
     * SQLite resolves a function's name when it prepares the statement that fires the trigger, so
     * on a connection without {@value #GUARD_FUNCTION} the insert or update fails at prepare ("no
     * such function") although {@code WHERE 0} never calls it; the loader's connection knows the
     * name and pays no call per row (a Java upcall for each of a million rows).
     */
    private static final List<String> GUARDS = List.of(
            "CREATE TRIGGER sync_bulk_guard_patients_insert BEFORE INSERT ON patients BEGIN SELECT "
                    + GUARD_FUNCTION + "() WHERE 0; END",
            "CREATE TRIGGER sync_bulk_guard_patients_update BEFORE UPDATE ON patients BEGIN SELECT "
                    + GUARD_FUNCTION + "() WHERE 0; END");

    private BulkBootstrap() {
    }

    static boolean pending(DSLContext dsl) {
        return dsl.fetchExists(dsl.selectOne().from("sqlite_master")
                .where("type = 'table' AND name = '" + MARKER + "'"));
    }

    /** True while a bulk load is unfinished (its marker table exists). */
    public static boolean pending(Database local) {
        return local.read(BulkBootstrap::pending);
    }

    static boolean isBulkTable(SyncedTable table) {
        return TABLES.contains(table);
    }

    /**
     * One transaction: the marker (the indexes' SQL, the derived data to rebuild), the indexes
     * dropped, the guard triggers created. The caller must already hold the writer of its process
     * and have registered the guard function on the writer's connection ({@link #allowWrites}).
     */
    static void begin(Database local, UUID clinicId) {
        local.writeVoid(dsl -> {
            dsl.execute("CREATE TABLE " + MARKER + " (step INTEGER PRIMARY KEY, kind TEXT NOT NULL"
                    + " CHECK (kind IN ('derived', 'index')), name TEXT NOT NULL, clinic_id TEXT, sql TEXT) STRICT");
            int step = 0;
            for (SyncedTable table : TABLES) {
                dsl.execute("INSERT INTO " + MARKER + " (step, kind, name, clinic_id) VALUES (?, 'derived', ?, ?)",
                        ++step, table.name(), clinicId.toString());
            }
            // Indexes after the derived data: the term index is then built over the finished table.
            var indexes = dsl.resultQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                    + " AND tbl_name IN (" + String.join(", ", INDEXED_TABLES.stream().map(t -> "'" + t + "'").toList())
                    + ") ORDER BY name").fetch();
            for (Record index : indexes) {
                String name = index.get(0, String.class);
                dsl.execute("INSERT INTO " + MARKER + " (step, kind, name, sql) VALUES (?, 'index', ?, ?)",
                        ++step, name, index.get(1, String.class));
                dsl.execute("DROP INDEX \"" + name.replace("\"", "\"\"") + "\"");
            }
            for (String guard : GUARDS) {
                dsl.execute(guard);
            }
            LOG.info("Bulk bootstrap of clinic {}: {} indexes dropped until the load is finished", clinicId,
                    indexes.size());
        });
    }

    /** Lets this connection (the loader's) write patients past the guard triggers. */
    static void allowWrites(DSLContext dsl) {
        dsl.connection(c -> org.sqlite.Function.create(sqlite(c), GUARD_FUNCTION, new org.sqlite.Function() {
            @Override
            protected void xFunc() throws SQLException {
                result();
            }
        }));
    }

    /** Takes the permission back, so nothing of this process passes a guard left by a failed finish. */
    static void revokeWrites(DSLContext dsl) {
        dsl.connection(c -> org.sqlite.Function.destroy(sqlite(c), GUARD_FUNCTION));
    }

    private static Connection sqlite(Connection c) throws SQLException {
        return c.unwrap(org.sqlite.SQLiteConnection.class);
    }

    /**
     * Completes an unfinished bulk load: the hooks rebuild their derived data of each bulk table
     * from the rows as they are, then the dropped indexes are created again (the unique one checks
     * CPF uniqueness as it is built), then the guards and the marker go. Each step is its own
     * transaction and deletes its marker row, so an interrupted finish goes on where it stopped.
     * Does nothing without a marker.
     */
    public static void finish(Database local, List<RowApplyHook> hooks) {
        finish(local, hooks, new java.util.LinkedHashMap<>(), Derivations.NONE);
    }

    /**
     * {@link #finish}, recording each step's milliseconds in {@code timings} ("derived patients",
     * "index x"); derived data that the load prepared ({@code derivations}) is written as prepared
     * instead of being rebuilt from the table.
     */
    static void finish(Database local, List<RowApplyHook> hooks, Map<String, Long> timings, Derivations derivations) {
        long t0 = System.nanoTime();
        boolean foreignKeySafe = hooks.stream().allMatch(RowApplyHook::rebuildReferencesOnlyRowsItReads);
        while (true) {
            Record next = local.read(dsl -> pending(dsl) ? dsl.resultQuery("SELECT step, kind, name, clinic_id, sql FROM "
                    + MARKER + " ORDER BY step LIMIT 1").fetchOne() : null);
            if (next == null) {
                local.writeVoid(dsl -> {
                    if (pending(dsl)) { // every step done: the guards and the marker go last
                        for (String guard : GUARDS) {
                            dsl.execute("DROP TRIGGER IF EXISTS " + guard.split(" ")[2]);
                        }
                        dsl.execute("DROP TABLE " + MARKER);
                    }
                });
                break;
            }
            long s = System.nanoTime();
            String kind = next.get("kind", String.class);
            String name = next.get("name", String.class);
            long step = next.get("step", Long.class);
            boolean[] fromTheLoad = {false};
            java.util.function.Function<DSLContext, Void> work = dsl -> {
                if (kind.equals("derived")) {
                    SyncedTable table = Schema.syncedTable(name);
                    UUID clinicId = UUID.fromString(next.get("clinic_id", String.class));
                    for (RowApplyHook hook : hooks) {
                        Optional<RowApplyHook.BulkDerivation> prepared = derivations.of(hook, table, clinicId);
                        if (prepared.isPresent()) {
                            prepared.get().writeAll(dsl);
                            fromTheLoad[0] = true;
                        } else {
                            hook.rebuildAll(dsl, table, clinicId);
                        }
                    }
                } else {
                    buildIndex(dsl, next.get("sql", String.class));
                }
                dsl.execute("DELETE FROM " + MARKER + " WHERE step = ?", step);
                return null;
            };
            if (kind.equals("derived") && foreignKeySafe && local instanceof SqliteDatabase sqlite) {
                sqlite.writeWithoutForeignKeyChecks(work);
            } else {
                local.write(work);
            }
            long ms = (System.nanoTime() - s) / 1_000_000;
            timings.put(kind + " " + name + (fromTheLoad[0] ? " (prepared while loading)" : ""), ms);
            LOG.info("Bulk bootstrap: {} {} done in {} ms", kind, name, ms);
        }
        LOG.info("Bulk bootstrap finished: derived data and indexes built in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The hooks' derived data of the bulk tables as one load prepares it (see
     * {@link RowApplyHook#bulkDerivation}): chunks are prepared on the pull's reader thread and kept
     * once written. A table is dropped from it, and rebuilt from its rows at the end instead, when
     * one of its rows was merged with a local change or preparing a chunk failed.
     */
    static final class Derivations {

        static final Derivations NONE = new Derivations(null, List.of());

        private record Entry(RowApplyHook hook, SyncedTable table, RowApplyHook.BulkDerivation derivation) {
        }

        private final UUID clinicId;
        private final List<Entry> entries;
        private final java.util.Set<SyncedTable> dropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicLong preparingNanos = new java.util.concurrent.atomic.AtomicLong();

        private Derivations(UUID clinicId, List<Entry> entries) {
            this.clinicId = clinicId;
            this.entries = entries;
        }

        static Derivations of(List<RowApplyHook> hooks, UUID clinicId) {
            List<Entry> entries = new java.util.ArrayList<>();
            for (RowApplyHook hook : hooks) {
                for (SyncedTable table : TABLES) {
                    hook.bulkDerivation(table, clinicId).ifPresent(d -> entries.add(new Entry(hook, table, d)));
                }
            }
            return new Derivations(clinicId, List.copyOf(entries));
        }

        /** Reader thread: the derived data of a chunk's rows, per table that has a derivation. */
        List<RowApplyHook.Prepared> prepare(List<Puller.PulledRow> rows,
                                           java.util.function.Function<Puller.PulledRow, RowApplyHook.AppliedRow> asApplied) {
            if (entries.isEmpty() || rows.isEmpty()) {
                return List.of();
            }
            long t0 = System.nanoTime();
            List<RowApplyHook.Prepared> prepared = new java.util.ArrayList<>();
            for (Entry e : entries) {
                if (dropped.contains(e.table())) {
                    continue;
                }
                List<RowApplyHook.AppliedRow> ofTable = new java.util.ArrayList<>();
                for (Puller.PulledRow row : rows) {
                    if (row.table() == e.table()) {
                        ofTable.add(asApplied.apply(row));
                    }
                }
                try {
                    prepared.add(e.derivation().prepare(ofTable));
                } catch (RuntimeException failure) {
                    LOG.warn("Could not prepare the derived data of {} during the bulk load; it is rebuilt from the"
                            + " table at the end", e.table().name(), failure);
                    drop(e.table());
                }
            }
            preparingNanos.addAndGet(System.nanoTime() - t0);
            return prepared;
        }

        void drop(SyncedTable table) {
            dropped.add(table);
        }

        /** The prepared derivation of {@code hook} for {@code table} of {@code clinic}, unless dropped. */
        Optional<RowApplyHook.BulkDerivation> of(RowApplyHook hook, SyncedTable table, UUID clinic) {
            if (!clinic.equals(clinicId) || dropped.contains(table)) {
                return Optional.empty();
            }
            return entries.stream().filter(e -> e.hook() == hook && e.table() == table)
                    .map(Entry::derivation).findFirst();
        }

        long preparingMillis() {
            return preparingNanos.get() / 1_000_000;
        }
    }

    /** Sorter worker threads asked for while an index is built (see {@link #buildIndex}). */
    static final int INDEX_SORT_THREADS = 2;
    /**
     * Page cache while an index is built, which is also the sorter's memory per sorted run. With
     * the bootstrap's 256 MiB cache the sorter sorted one huge run on one thread; with 16 MiB runs
     * the worker threads sort and merge runs side by side, and each run fits the CPU caches better
     * (4 million term keys: 7.2–8.2 s → 3.7–6.1 s in pairs measured back to back, loaded machine).
     */
    static final int INDEX_SORT_CACHE_KIB = 16 * 1024;

    /**
     * Creates a dropped index. CREATE INDEX sorts the table's keys first; SQLite's sorter can hand
     * runs of that sort to worker threads ({@code PRAGMA threads}), which lets a second core share a
     * build of a million keys, and the run size follows the page cache ({@link #INDEX_SORT_CACHE_KIB}).
     * Both settings are the connection's, so their previous values are restored after the build. A
     * build without thread support answers 0 and simply sorts on one thread.
     */
    static void buildIndex(DSLContext dsl, String createSql) {
        int threadsBefore = sorterThreads(dsl, "PRAGMA threads");
        int cacheBefore = ((Number) dsl.fetchValue("PRAGMA cache_size")).intValue();
        int granted = sorterThreads(dsl, "PRAGMA threads = " + INDEX_SORT_THREADS);
        dsl.execute("PRAGMA cache_size = -" + INDEX_SORT_CACHE_KIB);
        LOG.debug("Bulk bootstrap: index build with {} sorter threads (asked {})", granted, INDEX_SORT_THREADS);
        try {
            dsl.execute(createSql);
        } finally {
            dsl.execute("PRAGMA cache_size = " + cacheBefore);
            sorterThreads(dsl, "PRAGMA threads = " + threadsBefore);
        }
    }

    /** Runs a {@code PRAGMA threads} and returns the value it answers (the one in effect). */
    static int sorterThreads(DSLContext dsl, String pragma) {
        return ((Number) dsl.fetchValue(pragma)).intValue();
    }

    /**
     * Run by every start of a desktop before anything else touches the data: a marker left by a
     * process that died during a bulk load is finished now (the pull then resumes from its cursor
     * on the next sync). While the loading process is still alive it holds the sync lock, and this
     * start is refused rather than run beside a load that has the indexes down.
     */
    public static void recoverAtStart(Database local, List<RowApplyHook> hooks, Path syncLockFile) {
        if (!pending(local)) {
            return;
        }
        Optional<SyncLock> lock = SyncLock.tryAcquire(syncLockFile);
        if (lock.isEmpty()) {
            throw new StoreException.Locked("The local database " + local.label() + " is being filled by the first"
                    + " sync of this desktop in another Prontivus process (init --join); wait until it finishes", null);
        }
        try (SyncLock ignored = lock.get()) {
            LOG.warn("A bulk bootstrap of {} was interrupted; building its indexes and search terms now", local.label());
            finish(local, hooks);
        }
    }
}
