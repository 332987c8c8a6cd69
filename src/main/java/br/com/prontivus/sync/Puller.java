package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.Schema.SyncState;
import br.com.prontivus.store.schema.SyncedTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the clinic's changes from the server in version order and writes them locally. Each
 * chunk is read from one server snapshot and written in one local transaction together with the
 * new cursor, so an interrupted pull resumes where it stopped (that is also how a new desktop
 * bootstraps). A pulled row never silently overwrites a local change still waiting to be pushed:
 * the fields that change touched keep their local values until the server has decided on them.
 */
public final class Puller {

    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    private final Database local;
    private final UUID clinicId;
    private final HybridLogicalClock hlc;
    private final List<RowApplyHook> hooks;
    private final Clock clock;
    private final int chunk;

    public Puller(Database local, UUID clinicId, HybridLogicalClock hlc, List<RowApplyHook> hooks, Clock clock,
                  int chunk) {
        this.local = local;
        this.clinicId = clinicId;
        this.hlc = hlc;
        this.hooks = List.copyOf(hooks);
        this.clock = clock;
        this.chunk = chunk;
    }

    public long cursor() {
        return local.read(dsl -> dsl.select(SyncState.PULL_CURSOR).from(SyncState.TABLE).fetchOne(SyncState.PULL_CURSOR));
    }

    /** What one pull did; {@code skipped} when the server's counter showed nothing new (no chunk read). */
    public record Result(int rows, long cursor, boolean rebootstrapped, boolean skipped) {
        public Result(int rows, long cursor, boolean rebootstrapped) {
            this(rows, cursor, rebootstrapped, false);
        }
    }

    /**
     * What the caller already read from the server this cycle: the clinic's purge horizon and, when
     * still current, its version counter ({@code clinic_version.last_version}; null when unknown or
     * stale, e.g. after this cycle pushed). Versions commit in counter order, so a committed counter
     * at or below the cursor means no row above the cursor is visible: the pull can skip reading.
     */
    public record Hint(long horizon, Long lastVersion) {
    }

    public Result pull(Database server, ProgressListener progress) {
        return pull(server, progress, new Hint(horizonOf(server), null), false);
    }

    /** A pull that knows from the cycle's handshake where the server stands (see {@link Hint}). */
    public Result pull(Database server, ProgressListener progress, Hint hint) {
        return pull(server, progress, hint, false);
    }

    /**
     * Pulls everything again from version 0 and reconciles: rows the server has are written as it
     * has them (fields of local pending ops kept), acknowledged rows it no longer has are dropped.
     * This is how {@code sync verify --repair} mends a divergence the cursor alone cannot see.
     */
    public Result repull(Database server, ProgressListener progress) {
        return pull(server, progress, new Hint(horizonOf(server), null), true);
    }

    private long horizonOf(Database server) {
        return server.read(dsl -> dsl.select(DSL.field(DSL.name("purged_through"), Long.class))
                .from(DSL.table(DSL.name("sync_horizon")))
                .where(DSL.field(DSL.name("clinic_id"), SQLDataType.UUID).eq(clinicId))
                .fetchOptional(0, Long.class).orElse(0L));
    }

    private Result pull(Database server, ProgressListener progress, Hint hint, boolean reconcile) {
        if (local instanceof SqliteDatabase && BulkBootstrap.pending(local)) {
            // A bulk load of a process that died before finishing it (this process was already
            // running): indexes and search terms first, then the pull goes on from the cursor.
            LOG.warn("Finishing an interrupted bulk bootstrap before pulling");
            BulkBootstrap.finish(local, hooks);
        }
        long cursor = cursor();
        long horizon = hint.horizon();
        boolean rebootstrap = reconcile || (cursor > 0 && cursor < horizon);
        if (!rebootstrap && hint.lastVersion() != null && hint.lastVersion() <= cursor) {
            return new Result(0, cursor, false, true); // the clinic's counter is not past our cursor
        }
        Set<UUID> seen = rebootstrap ? new HashSet<>() : null;
        if (rebootstrap) {
            cursor = 0; // deletes below the horizon are gone from the server: start over and reconcile
        }
        Result done;
        // A pull from 0 (a new desktop, or a re-bootstrap) writes the whole clinic: the writer gets a
        // bigger page cache and checkpoints less often until it is done (see BulkSettings).
        BulkSettings previous = cursor == 0 ? widen() : null;
        try {
            Result bulk = !rebootstrap && cursor == 0 && local instanceof SqliteDatabase sqlite
                    ? sqlite.excludingOtherWriters(() -> bulkPull(server, progress)) : null;
            done = bulk != null ? bulk : pullChunks(server, progress, cursor, seen);
        } finally {
            if (previous != null) {
                restore(previous);
            }
        }
        if (seen != null) {
            dropVanished(seen);
        }
        Instant now = Instant.now(clock);
        local.writeVoid(dsl -> dsl.update(SyncState.TABLE).set(SyncState.LAST_PULL_AT, now).execute());
        return new Result(done.rows(), done.cursor(), rebootstrap);
    }

    /**
     * Writer page cache during a pull from version 0, in KiB. SQLite's default (2 MiB) holds a
     * fraction of the patient indexes of a large clinic, so each of a chunk's inserts reads index
     * pages back from the file and evicts dirty ones into the WAL mid-transaction. Memory is taken
     * only as pages are used, and given back when the pull ends.
     */
    static final int BOOTSTRAP_CACHE_KIB = 256 * 1024;

    /**
     * WAL pages before an automatic checkpoint during a pull from 0 (the default is 1,000, 4 MiB).
     * Every chunk of a bootstrap dirties more than that, so each commit also copied the WAL into
     * the database file and synced it; pages that the next chunks dirty again were copied again.
     * With 32,768 pages (128 MiB) a checkpoint comes every few chunks. Durability is unchanged:
     * every commit still syncs the WAL (synchronous=FULL). The WAL file may stay that large on
     * disk after the bootstrap (SQLite reuses it; no journal_size_limit is set).
     */
    static final int BOOTSTRAP_WAL_AUTOCHECKPOINT = 32_768;

    /** The writer's settings a bootstrap changes, to put back afterwards. */
    record BulkSettings(int cacheSize, int walAutocheckpoint) {
    }

    private BulkSettings widen() {
        return local.write(dsl -> {
            BulkSettings before = new BulkSettings(
                    dsl.fetchOne("PRAGMA cache_size").get(0, Integer.class),
                    dsl.fetchOne("PRAGMA wal_autocheckpoint").get(0, Integer.class));
            dsl.fetch("PRAGMA cache_size = -" + BOOTSTRAP_CACHE_KIB);
            dsl.fetch("PRAGMA wal_autocheckpoint = " + BOOTSTRAP_WAL_AUTOCHECKPOINT);
            return before;
        });
    }

    private void restore(BulkSettings previous) {
        local.writeVoid(dsl -> {
            dsl.fetch("PRAGMA cache_size = " + previous.cacheSize());
            dsl.fetch("PRAGMA wal_autocheckpoint = " + previous.walAutocheckpoint());
        });
    }

    /**
     * The bulk form of a first pull ({@link BulkBootstrap}), run while this process's other writers
     * are kept out; null (pull as usual) unless this desktop has no patients or appointments yet, its
     * cursor is still 0 and the clinic has at least two chunks of versions on the server (less is
     * not worth dropping and rebuilding indexes). The indexes and search terms are rebuilt when the
     * pull ends, also when it fails: nothing of this process may run against a half-built schema.
     */
    private Result bulkPull(Database server, ProgressListener progress) {
        if (cursor() != 0 || local.read(dsl -> dsl.fetchExists(Schema.PATIENTS.table())
                || dsl.fetchExists(Schema.APPOINTMENTS.table()))) {
            return null;
        }
        long last = server.read(dsl -> dsl.select(DSL.field(DSL.name("last_version"), Long.class))
                .from(DSL.table(DSL.name("clinic_version")))
                .where(DSL.field(DSL.name("clinic_id"), SQLDataType.UUID).eq(clinicId))
                .fetchOptional(0, Long.class).orElse(0L));
        if (last < 2L * chunk) {
            return null;
        }
        local.writeVoid(BulkBootstrap::allowWrites);
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        BulkBootstrap.Derivations derivations = BulkBootstrap.Derivations.of(hooks, clinicId);
        try {
            BulkBootstrap.begin(local, clinicId);
            RuntimeException failure = null;
            boolean completed = false;
            try {
                Result result = pullChunksAhead(server, progress, timings, derivations);
                completed = true;
                return result;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                timings.put("load", (System.nanoTime() - t0) / 1_000_000);
                long f0 = System.nanoTime();
                try {
                    // After a load that ended normally the reader thread has handed over its last chunk
                    // and stopped, so what it prepared can be read here; after a failure it may still be
                    // preparing a chunk, and the derived data is rebuilt from the table instead.
                    BulkBootstrap.finish(local, hooks, timings, completed ? derivations : BulkBootstrap.Derivations.NONE);
                    timings.put("finish", (System.nanoTime() - f0) / 1_000_000);
                    lastBulkTimings = Map.copyOf(timings);
                    LOG.info("Bulk bootstrap timings (ms): {}", timings);
                } catch (RuntimeException e) {
                    LOG.error("Could not finish the bulk bootstrap; the next start or sync tries again", e);
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        } finally {
            local.writeVoid(BulkBootstrap::revokeWrites);
        }
    }

    private volatile Map<String, Long> lastBulkTimings = Map.of();

    /** Milliseconds per phase of this puller's last bulk bootstrap (empty if none): a diagnostic. */
    public Map<String, Long> lastBulkTimings() {
        return lastBulkTimings;
    }

    /**
     * Chunks a bulk pull may commit together. Each commit of the bootstrap syncs the WAL
     * (synchronous=FULL); with the indexes down a chunk's writes are cheap enough that the commit
     * is a large share. Chunks that are already read when the writer is free go in one transaction
     * (at most this many), with the cursor of the last one: progress and resumability stay per commit.
     */
    static final int BULK_CHUNKS_PER_COMMIT = 4;

    /**
     * What the reader thread hands over: a chunk with the hooks' derived data of its rows (kept
     * once the chunk is written), or the failure that ended its reading.
     */
    private record Read(Chunk chunk, List<RowApplyHook.Prepared> derived, RuntimeException failure) {
    }

    /**
     * The chunk loop of a bulk pull: a reader thread reads chunk after chunk from the server (each
     * read only needs the previous chunk's cursor, known as soon as that chunk is read) into a
     * bounded queue, while this thread writes them locally, so the server reads overlap the SQLite
     * writes. Whatever is queued when the writer is free is written in one transaction, up to
     * {@link #BULK_CHUNKS_PER_COMMIT} chunks, together with the newest cursor among them.
     */
    private Result pullChunksAhead(Database server, ProgressListener progress, Map<String, Long> timings,
                                   BulkBootstrap.Derivations derivations) {
        java.util.concurrent.BlockingQueue<Read> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(BULK_CHUNKS_PER_COMMIT);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = Thread.ofPlatform().name("prontivus-pull-reader").daemon(true).start(() -> {
            long at = 0;
            try {
                while (!stop.get()) {
                    Chunk c = fetch(server, at);
                    // The derived data (search terms) is computed here, beside the writer, not after the load.
                    List<RowApplyHook.Prepared> derived = derivations.prepare(c.rows(), Puller::dataOf);
                    if (!hand(queue, new Read(c, derived, null), stop) || c.rows().isEmpty() || !c.more()) {
                        return;
                    }
                    at = c.cursor();
                }
            } catch (RuntimeException e) {
                hand(queue, new Read(null, List.of(), e), stop);
            }
        });
        try {
            long cursor = 0;
            int total = 0;
            long waited = 0;
            long applying = 0;
            boolean finished = false;
            while (!finished) {
                long w0 = System.nanoTime();
                List<Read> reads = new ArrayList<>();
                reads.add(take(queue));
                queue.drainTo(reads, BULK_CHUNKS_PER_COMMIT - 1);
                waited += System.nanoTime() - w0;
                List<PulledRow> rows = new ArrayList<>();
                long newCursor = cursor;
                int counted = 0;
                for (Read read : reads) {
                    if (read.failure() != null) {
                        throw read.failure(); // as the same read on this thread would have thrown (retries)
                    }
                    Chunk c = read.chunk();
                    if (c.rows().isEmpty()) {
                        finished = true;
                        break;
                    }
                    rows.addAll(c.rows());
                    newCursor = c.cursor();
                    long limit = newCursor;
                    counted += (int) c.rows().stream().filter(r -> r.version() <= limit).count();
                    if (!c.more()) {
                        finished = true;
                        break;
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                long a0 = System.nanoTime();
                Set<SyncedTable> merged = applyLocally(rows, newCursor, true);
                // Committed: the derived data of these rows counts now. A table that had a row merged
                // with a local pending change holds other values than were pulled: it is rebuilt from the table.
                merged.forEach(derivations::drop);
                reads.forEach(read -> read.derived().forEach(RowApplyHook.Prepared::commit));
                applying += System.nanoTime() - a0;
                timings.put("waiting for the server", waited / 1_000_000);
                timings.put("local writes", applying / 1_000_000);
                timings.put("derived data prepared while loading (reader thread)", derivations.preparingMillis());
                total += counted;
                cursor = newCursor;
                progress.progress(total, cursor);
            }
            return new Result(total, cursor, false);
        } finally {
            stop.set(true);
            // A reader waiting on a full queue sees the flag within 100 ms; a read in flight ends on
            // its own (not interrupted: that could break the pooled server connection mid-protocol).
            queue.clear();
        }
    }

    /** Puts a read into the queue unless the writer stopped meanwhile; false when it did. */
    private static boolean hand(java.util.concurrent.BlockingQueue<Read> queue, Read read,
                                java.util.concurrent.atomic.AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(read, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static Read take(java.util.concurrent.BlockingQueue<Read> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Pull interrupted", e);
        }
    }

    private Result pullChunks(Database server, ProgressListener progress, long cursor, Set<UUID> seen) {
        int total = 0;
        while (true) {
            Chunk next = fetch(server, cursor);
            if (next.rows().isEmpty()) {
                break;
            }
            long newCursor = next.cursor();
            List<PulledRow> rows = next.rows();
            applyLocally(rows, newCursor, false);
            if (seen != null) {
                rows.forEach(r -> seen.add(r.id()));
            }
            total += (int) rows.stream().filter(r -> r.version() <= newCursor).count();
            cursor = newCursor;
            progress.progress(total, cursor);
            if (!next.more()) {
                break;
            }
        }
        return new Result(total, cursor, false);
    }

    /** Progress of a long pull (bootstrap): rows written so far and the cursor reached. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (rows, cursor) -> { };

        void progress(int rows, long cursor);
    }

    record PulledRow(SyncedTable table, UUID id, long version, Record record) {
    }

    record Chunk(List<PulledRow> rows, long cursor, boolean more) {
    }

    /**
     * Reads up to {@code chunk} rows per table above the cursor from ONE snapshot. Versions commit
     * in order (the per-clinic counter row is locked until commit), so within a snapshot nothing
     * below the highest visible version can still appear later. When a table filled its limit, only
     * rows up to the smallest such table's last version are safe to apply now.
     */
    private Chunk fetch(Database server, long cursor) {
        return server.write(dsl -> {
            dsl.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            List<PulledRow> rows = new ArrayList<>();
            long safe = Long.MAX_VALUE;
            boolean more = false;
            for (SyncedTable table : Schema.SYNCED_TABLES) {
                var result = dsl.select(table.allFields()).from(table.table())
                        .where(table.CLINIC_ID.eq(clinicId)).and(table.ROW_VERSION.gt(cursor))
                        .orderBy(table.ROW_VERSION)
                        .limit(chunk)
                        .fetch();
                for (Record r : result) {
                    rows.add(new PulledRow(table, r.get(table.ID), r.get(table.ROW_VERSION), r));
                }
                if (result.size() == chunk) {
                    more = true;
                    safe = Math.min(safe, result.getLast().get(table.ROW_VERSION));
                }
            }
            rows.sort(Comparator.comparingLong(PulledRow::version));
            long max = rows.isEmpty() ? cursor : rows.getLast().version();
            long newCursor = more ? safe : max;
            List<PulledRow> applicable = new ArrayList<>(rows.stream().filter(r -> r.version() <= newCursor).toList());
            applicable.addAll(parentsAhead(dsl, applicable, newCursor));
            return new Chunk(applicable, newCursor, more);
        });
    }

    /** Local foreign keys: a row of the child table needs the parent row to exist (SQLite enforces them). */
    private record Reference(SyncedTable child, Field<UUID> column, SyncedTable parent) {
    }

    private static final List<Reference> REFERENCES = List.of(
            new Reference(Schema.APPOINTMENTS, Schema.APPOINTMENTS.PATIENT_ID, Schema.PATIENTS),
            new Reference(Schema.APPOINTMENTS, Schema.APPOINTMENTS.PRACTITIONER_ID, Schema.PRACTITIONERS));

    /**
     * Parent rows that the chunk's rows reference but whose current version lies beyond the chunk's
     * cursor (the parent changed after the child was written): read from the same snapshot and
     * applied with the chunk, or the child would break a local foreign key. They come again, at
     * their own version, in a later chunk; applying a row twice is harmless.
     */
    private List<PulledRow> parentsAhead(DSLContext dsl, List<PulledRow> rows, long newCursor) {
        List<PulledRow> parents = new ArrayList<>();
        for (Reference ref : REFERENCES) {
            Set<UUID> ids = new HashSet<>();
            for (PulledRow r : rows) {
                if (r.table() == ref.child()) {
                    ids.add(r.record().get(ref.column()));
                }
            }
            Set<UUID> present = new HashSet<>();
            rows.stream().filter(r -> r.table() == ref.parent()).forEach(r -> present.add(r.id()));
            ids.removeAll(present);
            if (ids.isEmpty()) {
                continue;
            }
            SyncedTable p = ref.parent();
            for (Record r : dsl.select(p.allFields()).from(p.table())
                    .where(p.CLINIC_ID.eq(clinicId)).and(p.ID.in(ids)).and(p.ROW_VERSION.gt(newCursor)).fetch()) {
                parents.add(new PulledRow(p, r.get(p.ID), r.get(p.ROW_VERSION), r));
            }
        }
        return parents;
    }

    /**
     * Writes the rows and the cursor in one transaction; returns the tables of rows merged with a
     * pending local change. {@code bulk}: the bulk tables' hooks are not called; their derived data
     * is written at the end.
     */
    private Set<SyncedTable> applyLocally(List<PulledRow> rows, long newCursor, boolean bulk) {
        return local.write(dsl -> {
            Set<SyncedTable> mergedTables = new HashSet<>();
            Map<String, Set<String>> pending = pendingFields(dsl, rows);
            // Parents before children (SYNCED_TABLES is in dependency order): an appointment may come
            // before its patient's latest version in version order, and SQLite checks foreign keys.
            for (SyncedTable table : Schema.SYNCED_TABLES) {
                List<PulledRow> plain = new ArrayList<>();
                List<PulledRow> merged = new ArrayList<>();
                for (PulledRow row : rows) {
                    if (row.table() == table) {
                        (pending.containsKey(key(table, row.id())) ? merged : plain).add(row);
                    }
                }
                if (bulk && BulkBootstrap.isBulkTable(table) && PlainBinding.covers(table)) {
                    PlainBinding.upsert(dsl, table, plain);
                } else {
                    upsertBatch(dsl, table, plain);
                }
                for (PulledRow row : merged) {
                    mergeWithPending(dsl, row, pending.get(key(table, row.id())));
                    mergedTables.add(table);
                }
            }
            long newest = Long.MIN_VALUE;
            Map<SyncedTable, List<RowApplyHook.AppliedRow>> applied = new LinkedHashMap<>();
            for (PulledRow row : rows) {
                newest = Math.max(newest, row.record().get(row.table().UPDATED_AT));
                if (!hooks.isEmpty() && !(bulk && BulkBootstrap.isBulkTable(row.table()))) {
                    applied.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(dataOf(row));
                }
            }
            if (newest != Long.MIN_VALUE) {
                hlc.observe(newest); // observing the largest clock moves past all of them
            }
            // Hooks get the chunk's rows per table (version order within a table), so derived data
            // can be written as statement batches instead of a few statements per row.
            for (var e : applied.entrySet()) {
                for (RowApplyHook hook : hooks) {
                    hook.appliedAll(dsl, e.getKey(), clinicId, e.getValue());
                }
            }
            dsl.update(SyncState.TABLE).set(SyncState.PULL_CURSOR, newCursor).execute();
            return mergedTables;
        });
    }

    /** A pulled row as the hooks see it: its id, data fields by column name, tombstone flag. */
    private static RowApplyHook.AppliedRow dataOf(PulledRow row) {
        Map<String, Object> values = new HashMap<>();
        for (Field<?> f : row.table().dataFields()) {
            values.put(f.getName(), row.record().get(f));
        }
        return new RowApplyHook.AppliedRow(row.id(), values, row.record().get(row.table().DELETED));
    }

    /**
     * The pull's upsert of one row of {@code table}: every column of {@link SyncedTable#allFields()}
     * bound in that order, the server's version replacing the local one (see {@link PlainBinding}).
     */
    static org.jooq.Query upsertStatement(DSLContext dsl, SyncedTable table) {
        List<Field<?>> columns = table.allFields();
        var insert = dsl.insertInto(table.table(), columns).values(new Object[columns.size()]);
        var set = insert.onConflict(table.ID).doUpdate();
        org.jooq.InsertOnDuplicateSetMoreStep<Record> step = null;
        for (Field<?> f : columns) {
            if (f == table.ID) {
                continue;
            }
            step = step == null ? set.set(untyped(f), (Object) DSL.excluded(f)) : step.set(untyped(f), (Object) DSL.excluded(f));
        }
        return step;
    }

    /** Rows written as the server has them, one batched upsert per table. */
    private static void upsertBatch(DSLContext dsl, SyncedTable table, List<PulledRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Field<?>> columns = table.allFields();
        BatchBindStep batch = dsl.batch(upsertStatement(dsl, table));
        for (PulledRow row : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                values[i] = row.record().get(columns.get(i));
            }
            batch = batch.bind(values);
        }
        batch.execute();
    }

    /**
     * The server's row, except for the fields a local op still waiting to be pushed has changed:
     * those keep the local value (and its field version) until the push lets the server decide.
     */
    private static void mergeWithPending(DSLContext dsl, PulledRow row, Set<String> mine) {
        SyncedTable table = row.table();
        Record localRow = dsl.select(table.allFields()).from(table.table()).where(table.ID.eq(row.id())).fetchOne();
        if (localRow == null) {
            upsertBatch(dsl, table, List.of(row));
            return;
        }
        Map<String, Long> versions = CanonicalJson.readVersions(row.record().get(table.FIELD_VERSIONS));
        Map<String, Long> localVersions = CanonicalJson.readVersions(localRow.get(table.FIELD_VERSIONS));
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        for (Field<?> f : table.dataFields()) {
            if (!mine.contains(f.getName())) {
                changes.put(f, row.record().get(f));
            } else if (localVersions.containsKey(f.getName())) {
                versions.put(f.getName(), localVersions.get(f.getName()));
            }
        }
        if (!mine.contains("deleted")) {
            changes.put(table.DELETED, row.record().get(table.DELETED));
        } else if (localVersions.containsKey("deleted")) {
            versions.put("deleted", localVersions.get("deleted"));
        }
        changes.put(table.ROW_VERSION, row.version());
        changes.put(table.FIELD_VERSIONS, CanonicalJson.write(new java.util.TreeMap<>(versions)));
        changes.put(table.UPDATED_AT, Math.max(localRow.get(table.UPDATED_AT), row.record().get(table.UPDATED_AT)));
        var update = dsl.update(table.table()).set(untyped(table.ROW_VERSION), (Object) row.version());
        for (var e : changes.entrySet()) {
            update = update.set(untyped(e.getKey()), e.getValue());
        }
        update.where(table.ID.eq(row.id())).execute();
    }

    /** Fields touched by local ops not yet acknowledged, per row of the chunk. */
    private static Map<String, Set<String>> pendingFields(DSLContext dsl, List<PulledRow> rows) {
        Map<String, Set<String>> pending = new HashMap<>();
        if (!dsl.fetchExists(Outbox.TABLE, Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED))) {
            return pending; // the common case, and every bootstrap: nothing local is waiting
        }
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.id()));
        dsl.select(Outbox.TABLE_NAME, Outbox.ROW_ID, Outbox.CHANGED_FIELDS).from(Outbox.TABLE)
                .where(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED)).and(Outbox.ROW_ID.in(ids))
                .forEach(r -> {
                    Set<String> fields = pending.computeIfAbsent(key(r.value1(), r.value2()), k -> new HashSet<>());
                    CanonicalJson.read(r.value3()).forEach(n -> fields.add(n.asText()));
                });
        return pending;
    }

    /** After a re-bootstrap: rows the server no longer has at all (purged tombstones) go locally too. */
    private void dropVanished(Set<UUID> seen) {
        local.writeVoid(dsl -> {
            for (SyncedTable table : Schema.SYNCED_TABLES.reversed()) {
                // A row with a local op still waiting keeps its place: the push decides about it.
                List<UUID> known = dsl.select(table.ID).from(table.table())
                        .where(table.CLINIC_ID.eq(clinicId)).and(table.ROW_VERSION.isNotNull())
                        .andNotExists(DSL.selectOne().from(Outbox.TABLE)
                                .where(Outbox.TABLE_NAME.eq(table.name())).and(Outbox.ROW_ID.eq(table.ID))
                                .and(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED)))
                        .fetch(table.ID);
                List<UUID> vanished = known.stream().filter(id -> !seen.contains(id)).toList();
                if (!vanished.isEmpty() && table != Schema.AUDIT_LOG) {
                    for (RowApplyHook hook : hooks) {
                        vanished.forEach(id -> hook.applied(dsl, table, clinicId, id, Map.of(), true));
                    }
                    dsl.deleteFrom(table.table()).where(table.ID.in(vanished)).execute();
                }
            }
        });
    }

    private static String key(SyncedTable table, UUID id) {
        return key(table.name(), id);
    }

    private static String key(String table, UUID id) {
        return table + "/" + id;
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> untyped(Field<?> field) {
        return (Field<Object>) field;
    }
}
