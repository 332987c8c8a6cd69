package br.com.prontivus.sync;

import br.com.prontivus.config.ConflictStrategy;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema.SyncState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.HashSet;
import org.jooq.impl.DSL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desktop's sync engine: handshake, push the outbox in batches, pull what others changed.
 * Every step is safe to interrupt anywhere: the server records applied op ids with the change,
 * the pull cursor moves with the rows it covers, so a cycle cut short is simply run again.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    /** The sync protocol this build speaks; the server lists the range it accepts. */
    public static final int PROTOCOL = 1;
    /**
     * The oldest server schema this build can sync with: 2026.11.26.0900 brings
     * {@code reserve_row_versions}/{@code release_row_versions}, which every push calls.
     */
    public static final String REQUIRED_SERVER_SCHEMA = "2026.11.26.0900";

    /** What a cycle did. */
    public record Report(int pushed, int alreadyApplied, int parked, int conflicts, int pulled, long cursor,
                         boolean rebootstrapped, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Everything the engine needs to know about its desktop. */
    public record Settings(UUID clinicId, UUID deviceId, ConflictStrategy strategy, int retryAttempts,
                           int batchSize, int pullChunk, Backoff backoff, Path lockFile) {
    }

    private final Database local;
    private final Database server;
    private final Settings settings;
    private final HybridLogicalClock hlc;
    private final Clock clock;
    private final OutboxQueue queue;
    private final Puller puller;
    private volatile SyncObserver observer = SyncObserver.NONE;

    public SyncEngine(Database local, Database server, Settings settings, HybridLogicalClock hlc, Clock clock,
                      List<RowApplyHook> hooks) {
        this.local = local;
        this.server = server;
        this.settings = settings;
        this.hlc = hlc;
        this.clock = clock;
        this.queue = new OutboxQueue(local);
        this.puller = new Puller(local, settings.clinicId(), hlc, hooks, clock, settings.pullChunk());
    }

    public void observer(SyncObserver observer) {
        this.observer = observer == null ? SyncObserver.NONE : observer;
    }

    /** Milliseconds per phase of the last bulk bootstrap this engine ran (empty if none): a diagnostic. */
    public Map<String, Long> lastBulkTimings() {
        return puller.lastBulkTimings();
    }

    public OutboxQueue queue() {
        return queue;
    }

    public Database server() {
        return server;
    }

    /**
     * One full cycle under the data directory's sync lock. Transient failures are retried with
     * backoff; what still fails is reported in the result (and in sync_state) without throwing,
     * except a refusal (incompatible server, another engine running) which throws.
     */
    public Report syncNow() {
        Optional<SyncLock> lock = SyncLock.tryAcquire(settings.lockFile());
        if (lock.isEmpty()) {
            throw new SyncRefusedException("Another sync is running for this data directory");
        }
        try (SyncLock ignored = lock.get()) {
            ServerState state = retrying("handshake", this::handshake);
            PushTotals push = pushAll();
            // What the handshake saw of the clinic's counter is still the truth when this cycle sent
            // nothing; after a push (even a replay or a failed one) the pull looks for itself.
            boolean sentNothing = push.error == null && push.applied + push.already + push.parked == 0
                    && !push.attempted;
            Puller.Hint hint = new Puller.Hint(state.horizon(), sentNothing ? state.lastVersion() : null);
            Puller.Result pull = retrying("pull", () -> puller.pull(server, observer::pulled, hint));
            Instant now = Instant.now(clock);
            String error = push.error;
            local.writeVoid(dsl -> {
                var update = dsl.update(SyncState.TABLE).set(SyncState.LAST_PUSH_AT, now);
                if (pull.skipped()) {
                    update.set(SyncState.LAST_PULL_AT, now); // checked: nothing new on the server
                }
                if (error == null) {
                    update.set(SyncState.LAST_SUCCESS_AT, now).set(SyncState.LAST_ERROR, (String) null).execute();
                } else {
                    update.set(SyncState.LAST_ERROR, error).set(SyncState.LAST_ERROR_AT, now).execute();
                }
            });
            return new Report(push.applied, push.already, push.parked, push.conflicts, pull.rows(), pull.cursor(),
                    pull.rebootstrapped(), error);
        } catch (SyncRefusedException e) {
            recordError(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String reason = TransientFailures.describe(e);
            recordError(reason);
            LOG.warn("Sync cycle failed: {}", reason);
            return new Report(0, 0, 0, 0, 0, puller.cursor(), false, reason);
        }
    }

    /**
     * {@code sync verify --repair}: under the sync lock, pushes what is queued, then pulls the whole
     * clinic again from version 0 and reconciles (see {@link Puller#repull}). Refusals throw as in
     * {@link #syncNow()}; other failures throw too, since the caller reports them.
     */
    public Report repull() {
        Optional<SyncLock> lock = SyncLock.tryAcquire(settings.lockFile());
        if (lock.isEmpty()) {
            throw new SyncRefusedException("Another sync is running for this data directory");
        }
        try (SyncLock ignored = lock.get()) {
            retrying("handshake", this::handshake);
            PushTotals push = pushAll();
            Puller.Result pull = retrying("re-pull", () -> puller.repull(server, observer::pulled));
            return new Report(push.applied, push.already, push.parked, push.conflicts, pull.rows(), pull.cursor(),
                    true, push.error);
        }
    }

    /**
     * Runs a step again after a transient failure (a pooled connection that died with the network,
     * a killed backend), with the same backoff and attempts as a push. The pull resumes from the
     * cursor its finished chunks saved.
     */
    private <T> T retrying(String step, java.util.function.Supplier<T> work) {
        int attempt = 0;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) || poolTimedOut(e) || ++attempt > settings.retryAttempts()) {
                    throw e; // the pool already waited DB_POOL_TIMEOUT for a connection: the server is away
                }
                long wait = settings.backoff().delay(attempt).toMillis();
                LOG.info("{} attempt {} failed ({}); retrying in {} ms", step, attempt, TransientFailures.describe(e), wait);
                sleep(wait);
            }
        }
    }

    private static boolean poolTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one round trip tells about the server: its schema and protocol range (the handshake), the
     * clinic's purge horizon and the clinic's version counter (what the pull compares its cursor to).
     */
    public record ServerState(String schema, Integer minProtocol, Integer maxProtocol, long horizon, long lastVersion) {
    }

    /** Schema version last stored in sync_state by this engine: rewritten only when it changes. */
    private volatile String recordedSchema;

    /**
     * Refuses to sync with a server whose schema or protocol this desktop does not understand. One
     * query, run before every cycle, which also brings the clinic's horizon and version counter.
     */
    public ServerState handshake() {
        ServerState info = server.read(dsl -> {
            var r = dsl.resultQuery("SELECT (SELECT min_protocol FROM sync_compat) AS min_protocol,"
                    + " (SELECT max_protocol FROM sync_compat) AS max_protocol,"
                    + " (SELECT string_agg(version, ',') FROM flyway_schema_history"
                    + "   WHERE success AND version IS NOT NULL) AS versions,"
                    + " (SELECT purged_through FROM sync_horizon WHERE clinic_id = {0}) AS horizon,"
                    + " (SELECT last_version FROM clinic_version WHERE clinic_id = {0}) AS last_version",
                    DSL.val(settings.clinicId())).fetchOne();
            String versions = r.get("versions", String.class);
            String newest = versions == null ? null
                    : java.util.Arrays.stream(versions.split(",")).max(SyncEngine::compareVersions).orElse(null);
            Long horizon = r.get("horizon", Long.class);
            Long last = r.get("last_version", Long.class);
            return new ServerState(newest, r.get("min_protocol", Integer.class), r.get("max_protocol", Integer.class),
                    horizon == null ? 0 : horizon, last == null ? 0 : last);
        });
        String schema = info.schema();
        if (schema == null || compareVersions(schema, REQUIRED_SERVER_SCHEMA) < 0) {
            throw new SyncRefusedException("The server's schema (" + (schema == null ? "empty" : schema)
                    + ") is older than this desktop needs (" + REQUIRED_SERVER_SCHEMA
                    + "): an administrator must run `prontivus server setup` first; local changes stay queued");
        }
        Integer min = info.minProtocol();
        Integer max = info.maxProtocol();
        if (min == null || PROTOCOL < min || PROTOCOL > max) {
            throw new SyncRefusedException("This desktop speaks sync protocol " + PROTOCOL + " but the server accepts "
                    + min + " to " + max + ": update Prontivus on this desktop; local changes stay queued");
        }
        if (!schema.equals(recordedSchema)) {
            local.writeVoid(dsl -> dsl.update(SyncState.TABLE).set(SyncState.SERVER_SCHEMA, schema).execute());
            recordedSchema = schema;
        }
        return info;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static final class PushTotals {
        int applied;
        int already;
        int parked;
        int conflicts;
        String error;
        boolean attempted;
    }

    /**
     * Pushes the outbox batch by batch. While the server applies batch n, a second thread reads batch
     * n+1 from the outbox and prepares it (canonical payloads, rows of fresh inserts): the desktop's
     * share of a batch no longer waits for the server's, nor the server for it. The batch read ahead
     * is the one {@link OutboxQueue#nextBatch} would return after n is acknowledged — the ops after
     * n's last one under the same conditions — and it is used only when that still holds: every op
     * of n was acknowledged (nothing parked, deferred or held back, which could hold back later ops
     * of its row) and no earlier op became due in the meantime. Otherwise it is dropped and the next
     * batch is read afresh, as before. Ops of one row therefore still leave in capture order, and the
     * server's applied-op record keeps the effect exactly-once whatever is sent.
     */
    private PushTotals pushAll() {
        PushTotals totals = new PushTotals();
        Set<UUID> heldBack = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var ahead = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("sync-push-prepare").daemon().factory())) {
            var next = ahead.submit(() -> prepared(queue.nextBatch(settings.batchSize(), Instant.now(clock)), heldBack));
            while (true) {
                ServerApplier.Prepared batch = await(next);
                if (batch.ops().isEmpty()) {
                    return totals;
                }
                totals.attempted = true;
                long lastSeq = batch.maxSeq();
                next = ahead.submit(() -> prepared(
                        queue.nextBatchAfter(lastSeq, settings.batchSize(), Instant.now(clock)), heldBack));
                Map<UUID, PushOutcome> outcomes;
                try {
                    outcomes = pushWithRetry(batch, false);
                } catch (PermanentBatchFailure e) {
                    outcomes = pushOneByOne(batch.ops());
                } catch (RuntimeException e) {
                    String reason = TransientFailures.describe(e);
                    Instant retryAt = Instant.now(clock).plus(
                            settings.backoff().delay(batch.ops().getFirst().attempts() + 1));
                    queue.deferred(batch.ops().stream().map(OutboxEntry::opId).toList(), reason, retryAt);
                    totals.error = "push failed after " + settings.retryAttempts() + " retries: " + reason;
                    return totals;
                }
                record(outcomes, totals);
                // Ops not decided in this round (held behind a parked op of their row) must not loop forever.
                boolean allAcknowledged = true;
                for (OutboxEntry op : batch.ops()) {
                    PushOutcome outcome = outcomes.get(op.opId());
                    if (outcome == null) {
                        heldBack.add(op.opId());
                    }
                    allAcknowledged &= outcome instanceof PushOutcome.Applied || outcome instanceof PushOutcome.AlreadyApplied;
                }
                boolean readAheadHolds = allAcknowledged && (!queue.anyPendingUpTo(lastSeq)
                        || queue.eligibleUpTo(lastSeq, settings.batchSize(), Instant.now(clock)).stream()
                                .allMatch(heldBack::contains));
                if (!readAheadHolds) {
                    // Dropped, whatever became of it; the single thread runs the fresh read after it.
                    next.cancel(false);
                    next = ahead.submit(() -> prepared(
                            queue.nextBatch(settings.batchSize(), Instant.now(clock)), heldBack));
                }
            }
        }
    }

    private ServerApplier.Prepared prepared(List<OutboxEntry> ops, Set<UUID> heldBack) {
        return ServerApplier.prepare(ops.stream().filter(op -> !heldBack.contains(op.opId())).toList(),
                settings.deviceId());
    }

    /** The result of work done on the read-ahead thread, its failure rethrown here as it was. */
    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Sync interrupted", e);
        }
    }

    private void record(Map<UUID, PushOutcome> outcomes, PushTotals totals) {
        List<UUID> ack = new ArrayList<>();
        Map<UUID, String> park = new LinkedHashMap<>();
        for (PushOutcome outcome : outcomes.values()) {
            switch (outcome) {
                case PushOutcome.Applied a -> {
                    ack.add(a.opId());
                    totals.applied++;
                    if (a.conflict()) {
                        totals.conflicts++;
                    }
                }
                case PushOutcome.AlreadyApplied a -> {
                    ack.add(a.opId());
                    totals.already++;
                }
                case PushOutcome.Rejected r -> {
                    park.put(r.opId(), r.reason());
                    totals.parked++;
                    LOG.warn("Op {} parked: {}", r.opId(), r.reason());
                }
            }
        }
        Instant now = Instant.now(clock);
        queue.acknowledge(ack, now);
        queue.park(park, now);
        observer.pushed(ack.size(), park.size());
    }

    /** A failure that retrying cannot fix: some op of the batch breaks a rule on the server. */
    private static final class PermanentBatchFailure extends RuntimeException {
        PermanentBatchFailure(Throwable cause) {
            super(cause);
        }
    }

    private Map<UUID, PushOutcome> pushWithRetry(ServerApplier.Prepared batch, boolean isolating) {
        int attempt = 0;
        while (true) {
            try {
                Map<UUID, PushOutcome> outcomes = server.write(tx -> new ServerApplier(settings.strategy(),
                        Instant.now(clock), settings.clinicId(), settings.deviceId()).apply(tx, batch, isolating));
                observer.serverCommitted(batch.ops().size());
                return outcomes;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw new PermanentBatchFailure(e);
                }
                attempt++;
                if (attempt > settings.retryAttempts()) {
                    throw e;
                }
                long wait = settings.backoff().delay(attempt).toMillis();
                LOG.info("Push attempt {} failed ({}); retrying in {} ms", attempt, TransientFailures.describe(e), wait);
                sleep(wait);
            }
        }
    }

    /**
     * Isolates the op that breaks a rule: each op alone, in order. The failing op is parked with the
     * server's reason; later ops of the same row wait behind it, other rows go on. Here the applier
     * checks each payload's checksum before touching any row ({@code isolating}), so a damaged op —
     * which makes a whole batch fail in the applied_ops trigger — is refused with that reason.
     */
    private Map<UUID, PushOutcome> pushOneByOne(List<OutboxEntry> batch) {
        Map<UUID, PushOutcome> outcomes = new LinkedHashMap<>();
        Set<String> blockedRows = new HashSet<>();
        for (OutboxEntry op : batch) {
            String row = op.tableName() + "/" + op.rowId();
            if (blockedRows.contains(row)) {
                continue;
            }
            try {
                Map<UUID, PushOutcome> one = pushWithRetry(ServerApplier.prepare(List.of(op), settings.deviceId()), true);
                outcomes.putAll(one);
                if (one.get(op.opId()) instanceof PushOutcome.Rejected) {
                    blockedRows.add(row); // refused by the applier (damaged, missing row): its row waits too
                }
            } catch (PermanentBatchFailure e) {
                outcomes.put(op.opId(), new PushOutcome.Rejected(op.opId(),
                        "refused by the server: " + TransientFailures.describe(e.getCause())));
                blockedRows.add(row);
            }
        }
        return outcomes;
    }

    private void recordError(String reason) {
        try {
            Instant now = Instant.now(clock);
            local.writeVoid(dsl -> dsl.update(SyncState.TABLE)
                    .set(SyncState.LAST_ERROR, reason).set(SyncState.LAST_ERROR_AT, now).execute());
        } catch (RuntimeException e) {
            LOG.warn("Could not record the sync error locally", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Sync interrupted", e);
        }
    }

    /** Open conflicts as pulled from the server. */
    public int openConflicts() {
        return local.read(SyncStatus::openConflicts);
    }

}
