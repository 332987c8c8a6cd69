package br.com.prontivus.app;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.store.schema.Schema.SyncState;
import br.com.prontivus.sync.CanonicalJson;
import br.com.prontivus.sync.ConflictResolver;
import br.com.prontivus.sync.ConflictResolver.Conflict;
import br.com.prontivus.sync.ConflictResolver.Side;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.sync.OutboxQueue;
import br.com.prontivus.sync.SyncEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin area of the desktop does, in one place: every method refuses anyone but an
 * administrator, and every action that changes something is written to the clinic's audit log
 * (which syncs to the server like any change). Blocking calls: the UI runs them on its background
 * executor.
 */
public final class Administration {

    private static final Logger LOG = LoggerFactory.getLogger(Administration.class);
    /** Rows a list shows at most; the panels say when there are more. */
    public static final int LIST_LIMIT = 1000;

    private final Prontivus app;
    private final RetentionCleanup retention;
    private final Migrations migrations;

    public Administration(Prontivus app, RetentionCleanup retention) {
        this.app = app;
        this.retention = retention;
        this.migrations = new Migrations(app);
    }

    public static Administration of(Prontivus app) {
        if (app.mode() == br.com.prontivus.config.Mode.CLOUD) {
            return new Administration(app, RetentionCleanup.UNAVAILABLE); // no local data to clean up
        }
        return new Administration(app, () -> {
            var report = app.retention().purge(app.config().sync().retentionDays());
            return Optional.of(new RetentionCleanup.Report(report.horizon(), report.removed()));
        });
    }

    private ClinicServices services() {
        return app.services();
    }

    /** Refuses a non-administrator, whatever screen or command asked. */
    public static void requireAdmin(Actor actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new DomainException.Conflict("error.admin.required", actor == null ? "?" : actor.name());
        }
    }

    private void audit(Actor actor, String action, String entity, UUID entityId, String summary) {
        services().data().write(actor, tx -> {
            tx.audit(action, entity, entityId, summary);
            return null;
        });
    }

    // ------------------------------------------------------------------------------ conflicts

    /** Conflicts by status ({@code open}, {@code resolved} or null for both), table and detection time. */
    public List<Conflict> conflicts(Actor actor, String status, String table, Instant from, Instant to) {
        requireAdmin(actor);
        if (!(app.local() instanceof SqliteDatabase)) {
            return List.of();
        }
        return app.conflictResolver().list(status, table, LIST_LIMIT).stream()
                .filter(c -> from == null || !c.detectedAt().isBefore(from))
                .filter(c -> to == null || c.detectedAt().isBefore(to))
                .toList();
    }

    /** Resolves one conflict: a side per field ({@code choices}), the others take {@code defaultSide}. */
    public Conflict resolve(Actor actor, UUID conflictId, Side defaultSide, Map<String, Side> choices) {
        requireAdmin(actor);
        Conflict resolved = app.conflictResolver().resolve(conflictId, defaultSide, choices, actor.name());
        audit(actor, "conflict.resolve", "sync_conflicts", conflictId, "resolved conflict on " + resolved.table()
                + "/" + resolved.rowId() + ": " + resolved.resolution());
        return resolved;
    }

    /** What a resolution of many conflicts did: the ones resolved and, per conflict, why one was not. */
    public record BulkResult(List<UUID> resolved, Map<UUID, String> failed) {
    }

    /** Takes one side for every field of each conflict; one failing conflict does not stop the others. */
    public BulkResult resolveAll(Actor actor, Collection<UUID> conflictIds, Side side) {
        requireAdmin(actor);
        List<UUID> done = new ArrayList<>();
        Map<UUID, String> failed = new LinkedHashMap<>();
        for (UUID id : conflictIds) {
            try {
                resolve(actor, id, side, Map.of());
                done.add(id);
            } catch (RuntimeException e) {
                failed.put(id, Migrations.message(e));
            }
        }
        return new BulkResult(done, failed);
    }

    // ------------------------------------------------------------------------------ sync

    /** What the sync panel shows, read in one go. */
    public record SyncOverview(String mode, boolean serverConfigured, boolean engineAvailable, Boolean reachable,
                               String serverDetail, Instant lastPushAt, Instant lastPullAt, Instant lastSuccessAt,
                               String lastError, Instant lastErrorAt, String serverSchema, Map<String, Integer> counts,
                               List<OutboxEntry> pending, List<OutboxEntry> parked, int openConflicts,
                               boolean retentionAvailable) {
        public int count(String status) {
            return counts.getOrDefault(status, 0);
        }
    }

    public SyncOverview syncOverview(Actor actor) {
        requireAdmin(actor);
        Optional<PostgresTarget> target = app.config().postgres();
        Boolean reachable = null;
        String detail = null;
        if (target.isPresent()) {
            switch (ServerLink.probe(app.config(), target.get())) {
                case ServerLink.Reachability.Reachable r -> {
                    reachable = true;
                    detail = target.get().maskedUrl() + " · PostgreSQL " + r.serverVersion() + " · "
                            + r.latency().toMillis() + " ms";
                }
                case ServerLink.Reachability.Unreachable u -> {
                    reachable = false;
                    detail = target.get().maskedUrl() + " · " + u.reason();
                }
            }
        }
        String mode = app.mode().name().toLowerCase(Locale.ROOT);
        boolean engine = app.syncEngine().isPresent();
        if (!(app.local() instanceof SqliteDatabase local)) {
            return new SyncOverview(mode, target.isPresent(), false, reachable, detail, null, null, null, null, null,
                    null, Map.of(), List.of(), List.of(), 0, retention.available());
        }
        OutboxQueue queue = new OutboxQueue(local);
        var state = local.read(dsl -> dsl.select(SyncState.LAST_PUSH_AT, SyncState.LAST_PULL_AT,
                SyncState.LAST_SUCCESS_AT, SyncState.LAST_ERROR, SyncState.LAST_ERROR_AT, SyncState.SERVER_SCHEMA)
                .from(SyncState.TABLE).fetchOne());
        int open = app.identity().isPresent() ? app.conflictResolver().list("open", null, LIST_LIMIT).size() : 0;
        return new SyncOverview(mode, target.isPresent(), engine, reachable, detail,
                state == null ? null : state.value1(), state == null ? null : state.value2(),
                state == null ? null : state.value3(), state == null ? null : state.value4(),
                state == null ? null : state.value5(), state == null ? null : state.value6(),
                queue.counts(), queue.list(OutboxCapture.PENDING, LIST_LIMIT), queue.list(OutboxCapture.PARKED,
                LIST_LIMIT), open, retention.available());
    }

    private OutboxQueue queue() {
        if (app.local() instanceof SqliteDatabase local) {
            return new OutboxQueue(local);
        }
        throw new IllegalStateException("Cloud mode has no outbox");
    }

    /** Puts parked ops back in the queue; they leave with the next sync. Returns how many. */
    public int retry(Actor actor, List<UUID> opIds) {
        requireAdmin(actor);
        if (opIds.isEmpty()) {
            return 0;
        }
        int n = queue().retryParked(opIds);
        audit(actor, "outbox.retry", "outbox", opIds.size() == 1 ? opIds.getFirst() : null,
                "put " + n + " parked operation(s) back in the queue: " + ids(opIds));
        return n;
    }

    /**
     * Discards parked ops for good: they never reach the server. Each one is written to the audit log
     * with what it would have changed, so nothing disappears without a trace.
     */
    public List<OutboxEntry> discard(Actor actor, List<UUID> opIds) {
        requireAdmin(actor);
        List<OutboxEntry> gone = queue().discard(opIds);
        if (!gone.isEmpty()) {
            services().data().write(actor, tx -> {
                tx.auditAll("outbox.discard", "outbox", gone.stream().map(OutboxEntry::opId).toList(),
                        gone.stream().map(Administration::describeDiscarded).toList());
                return null;
            });
        }
        return gone;
    }

    static String describeDiscarded(OutboxEntry op) {
        Map<String, Object> after = new LinkedHashMap<>();
        var row = CanonicalJson.read(op.rowAfterJson());
        for (String field : op.changedFields()) {
            after.put(field, row.get(field));
        }
        return "discarded parked " + op.kind().wireName() + " of " + op.tableName() + "/" + op.rowId()
                + " (attempts " + op.attempts() + ", error: " + op.lastError() + "); it would have set "
                + CanonicalJson.write(after);
    }

    /** One sync cycle now. Empty when this desktop has no sync engine (offline, cloud, no server). */
    public Optional<SyncEngine.Report> syncNow(Actor actor) {
        requireAdmin(actor);
        Optional<SyncEngine> engine = app.syncEngine();
        if (engine.isEmpty()) {
            return Optional.empty();
        }
        SyncEngine.Report report = engine.get().syncNow();
        audit(actor, "sync.force", "sync_state", null, "forced a sync: pushed " + report.pushed() + ", pulled "
                + report.pulled() + ", parked " + report.parked() + ", conflicts " + report.conflicts()
                + (report.ok() ? "" : ", error: " + report.error()));
        return Optional.of(report);
    }

    /** The retention cleanup; empty when this build has none (see {@link RetentionCleanup}). */
    public Optional<RetentionCleanup.Report> cleanup(Actor actor) {
        requireAdmin(actor);
        Optional<RetentionCleanup.Report> report = retention.run();
        report.ifPresent(r -> audit(actor, "retention.cleanup", "outbox", null, "retention cleanup removed "
                + r.total() + " row(s) older than " + r.horizon() + ": " + r.removed()));
        return report;
    }

    // ------------------------------------------------------------------------------ migrations

    public List<Migrations.Target> migrationTargets(Actor actor) {
        requireAdmin(actor);
        return migrations.targets();
    }

    public Migrations.State migrationStatus(Actor actor, Migrations.Target target) {
        requireAdmin(actor);
        return migrations.status(target);
    }

    public Migrations.Outcome runMigrations(Actor actor, Migrations.Target target) {
        requireAdmin(actor);
        try {
            Migrations.Outcome outcome = migrations.run(actor, target);
            auditQuietly(actor, "migration.run", Migrations.name(target) + " schema " + outcome.fromVersion()
                    + " → " + outcome.toVersion() + ", applied " + outcome.versions());
            return outcome;
        } catch (RuntimeException e) {
            auditQuietly(actor, "migration.run", Migrations.name(target) + " migration failed: "
                    + Migrations.message(e));
            throw e;
        }
    }

    public Migrations.Outcome rollbackMigration(Actor actor, Migrations.Target target) {
        requireAdmin(actor);
        try {
            Migrations.Outcome outcome = migrations.rollbackLatest(actor, target);
            auditQuietly(actor, "migration.rollback", Migrations.name(target) + " schema " + outcome.fromVersion()
                    + " → " + outcome.toVersion() + ", undone " + outcome.versions()
                    + (outcome.snapshot() == null ? "" : ", snapshot " + outcome.snapshot()));
            return outcome;
        } catch (RuntimeException e) {
            auditQuietly(actor, "migration.rollback", Migrations.name(target) + " rollback failed: "
                    + Migrations.message(e));
            throw e;
        }
    }

    public Migrations.Validation validateMigrations(Actor actor, Migrations.Target target) {
        requireAdmin(actor);
        Migrations.Validation v = migrations.validate(actor, target);
        auditQuietly(actor, "migration.validate", Migrations.name(target) + (v.valid() ? " schema valid"
                : " schema invalid: " + String.join("; ", v.problems())));
        return v;
    }

    public List<Migrations.AuditRow> migrationAudit(Actor actor, Migrations.Target target, int limit) {
        requireAdmin(actor);
        return migrations.auditTrail(target, limit);
    }

    /** A migration may have just removed the audit table's neighbours: never fail the action for its record. */
    private void auditQuietly(Actor actor, String action, String summary) {
        try {
            audit(actor, action, "schema", null, summary);
        } catch (RuntimeException e) {
            LOG.warn("Could not audit {} ({}): {}", action, summary, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------ practitioners

    public List<Practitioner> practitioners(Actor actor) {
        requireAdmin(actor);
        return services().practitioners().list();
    }

    /** A new practitioner, who takes appointments from now on (a column of the schedule). */
    public Practitioner addPractitioner(Actor actor, String fullName, String specialty, String councilRegistration) {
        requireAdmin(actor);
        return services().practitioners().add(actor, fullName, specialty, councilRegistration);
    }

    // ------------------------------------------------------------------------------ users

    public List<StaffUser> users(Actor actor) {
        requireAdmin(actor);
        return services().staff().list();
    }

    public StaffUser addUser(Actor actor, String login, String fullName, StaffRole role, char[] password) {
        requireAdmin(actor);
        return services().staff().add(actor, login, fullName, role, password);
    }

    public void resetPassword(Actor actor, String login, char[] password) {
        requireAdmin(actor);
        services().staff().changePassword(actor, login, password);
    }

    /** Deactivates or reactivates an account; an administrator cannot lock themself out. */
    public void setActive(Actor actor, String login, boolean active) {
        requireAdmin(actor);
        if (!active && login.strip().equalsIgnoreCase(actor.name())) {
            throw new DomainException.Conflict("error.admin.self_deactivate");
        }
        services().staff().setActive(actor, login, active);
    }

    // ------------------------------------------------------------------------------ audit log

    public List<AuditQuery.Entry> audit(Actor actor, AuditQuery.Filter filter) {
        requireAdmin(actor);
        return new AuditQuery(services().data()).search(filter, LIST_LIMIT);
    }

    public List<String> auditActions(Actor actor) {
        requireAdmin(actor);
        return new AuditQuery(services().data()).actions();
    }

    /**
     * Writes the entries as CSV (UTF-8 with a BOM so spreadsheets read accents) to a temporary file
     * beside {@code file}, then moves it into place: a failed export never leaves half a file. The
     * export itself is audited: the log holds patients' names.
     */
    public void exportAudit(Actor actor, List<AuditQuery.Entry> entries, Path file, String filterSummary) {
        requireAdmin(actor);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".audit-", ".csv.tmp");
            try {
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    out.write('\uFEFF');
                    AuditQuery.writeCsv(entries, out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        audit(actor, "audit.export", "audit_log", null, "exported " + entries.size() + " audit entries ("
                + filterSummary + ") to " + file.getFileName());
    }

    private static String ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(", "));
    }
}
