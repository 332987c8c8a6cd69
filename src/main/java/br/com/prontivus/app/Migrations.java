package br.com.prontivus.app;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.MigrationAuditEntry;
import br.com.prontivus.migration.MigrationOutcome;
import br.com.prontivus.migration.MigrationStatus;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.migration.ValidationResult;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Schema migrations of this installation as the admin panel sees them: this desktop's SQLite file
 * and, when one is configured, the central PostgreSQL. Wraps {@link Migrator} (which validates,
 * snapshots SQLite before changing it and writes {@code migration_audit}) in plain records, so the
 * UI never touches the migration layer. Each call opens what it needs and closes it; blocking, so
 * callers run it off the UI thread.
 */
public final class Migrations {

    public enum Target { LOCAL, REMOTE }

    /** One migration, applied or pending. */
    public record Row(String version, String description, boolean applied, boolean success, Instant installedOn,
                      String installedBy, boolean rollbackAvailable) {
    }

    /** Where one database stands. {@code error} is set (and the rest empty) when it could not be read. */
    public record State(Target target, String database, String currentVersion, List<Row> rows, String error) {
        public List<Row> pending() {
            return rows.stream().filter(r -> !r.applied()).toList();
        }
    }

    public record Outcome(String action, String fromVersion, String toVersion, List<String> versions,
                          String snapshot, long durationMs) {
    }

    public record Validation(boolean valid, List<String> problems) {
    }

    public record AuditRow(Instant occurredAt, String who, String deviceId, String action, String fromVersion,
                           String toVersion, long durationMs, boolean success, String detail) {
    }

    private final Prontivus app;

    public Migrations(Prontivus app) {
        this.app = app;
    }

    /** The databases this installation has: LOCAL with a SQLite file, REMOTE when PostgreSQL is configured. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        if (app.local() instanceof SqliteDatabase) {
            targets.add(Target.LOCAL);
        }
        if (app.config().postgres().isPresent()) {
            targets.add(Target.REMOTE);
        }
        return targets;
    }

    public State status(Target target) {
        try {
            MigrationStatus status = with(target, null, Migrator::status);
            List<Row> rows = new ArrayList<>();
            for (var a : status.applied()) {
                rows.add(new Row(a.version(), a.description(), true, a.success(), a.installedOn(), a.installedBy(),
                        a.rollbackScriptAvailable()));
            }
            for (var p : status.pending()) {
                rows.add(new Row(p.version(), p.description(), false, true, null, null, p.rollbackScriptAvailable()));
            }
            return new State(target, status.database(), status.currentVersion().orElse(null), rows, null);
        } catch (RuntimeException e) {
            return new State(target, null, null, List.of(), message(e));
        }
    }

    /** Applies every pending migration (checksums are validated first; SQLite is snapshotted). */
    public Outcome run(Actor actor, Target target) {
        return outcome(with(target, actor, Migrator::run));
    }

    /** Undoes the latest applied migration with its rollback script (SQLite is snapshotted first). */
    public Outcome rollbackLatest(Actor actor, Target target) {
        return outcome(with(target, actor, m -> m.rollback(Optional.empty())));
    }

    public Validation validate(Actor actor, Target target) {
        ValidationResult result = with(target, actor, Migrator::validate);
        return new Validation(result.valid(), result.problems().stream().map(ValidationResult.Problem::message)
                .toList());
    }

    public List<AuditRow> auditTrail(Target target, int limit) {
        List<MigrationAuditEntry> entries = with(target, null, m -> m.auditTrail(limit));
        return entries.stream().map(e -> new AuditRow(e.occurredAt(), e.who(), e.deviceId().orElse(null),
                e.action().columnValue(), e.fromVersion().orElse(null), e.toVersion().orElse(null), e.durationMs(),
                e.outcome() == MigrationAuditEntry.Outcome.SUCCESS, e.detail().orElse(null))).toList();
    }

    private static Outcome outcome(MigrationOutcome o) {
        return new Outcome(o.action().columnValue(), o.fromVersion().orElse(null), o.toVersion().orElse(null),
                o.versions(), o.snapshot().map(Object::toString).orElse(null), o.duration().toMillis());
    }

    private <T> T with(Target target, Actor actor, Function<Migrator, T> work) {
        MigrationActor who = actor == null ? app.migrationActor()
                : new MigrationActor(actor.name(), app.identity().map(i -> i.deviceId().toString()).orElse(null));
        return switch (target) {
            case LOCAL -> {
                if (!(app.local() instanceof SqliteDatabase sqlite)) {
                    throw new IllegalStateException("This installation has no local database (cloud mode)");
                }
                yield work.apply(Migrator.forSqlite(sqlite.file(), who));
            }
            case REMOTE -> {
                PostgresTarget pg = app.config().postgres()
                        .orElseThrow(() -> new IllegalStateException("No PostgreSQL server is configured"));
                try (PostgresDatabase server = PostgresDatabase.open(ServerLink.commandPoolFor(app.config(), pg))) {
                    yield work.apply(Migrator.forPostgres(server.dataSource(), who));
                }
            }
        };
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** For log lines and audit summaries. */
    static String name(Target target) {
        return target.name().toLowerCase(Locale.ROOT);
    }
}
