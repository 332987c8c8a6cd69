package br.com.prontivus.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import br.com.prontivus.migration.MigrationAuditEntry.Outcome;
import br.com.prontivus.migration.ValidationResult.Kind;
import br.com.prontivus.migration.ValidationResult.Problem;

/**
 * Schema migrations of one database (a desktop's SQLite file or the central PostgreSQL), with
 * Flyway for the forward direction and our own rollback scripts ({@code D<version>__<description>.sql}
 * beside each {@code V} script) for the way back. Every {@link #run()}, {@link #rollback(Optional)}
 * and {@link #validate()} writes one row to {@code migration_audit}, also when it fails.
 *
 * <p>No connection stays open between calls: Flyway closes what it opens and so do we. Calls on
 * one instance are serialised.
 */
public final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final DateTimeFormatter SNAPSHOT_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Comparator<MigrationInfo> BY_VERSION = Comparator.comparing(MigrationInfo::getVersion);

    private final Dialect dialect;
    private final DataSource dataSource;
    private final Path sqliteFile;
    private final MigrationActor actor;
    private final ScriptLocation scripts;
    private final Clock clock;
    private final MigrationAuditLog audit;
    private String label;

    private Migrator(Dialect dialect, DataSource dataSource, Path sqliteFile, MigrationActor actor,
                     ScriptLocation scripts, Clock clock) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.sqliteFile = sqliteFile;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.scripts = scripts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new MigrationAuditLog(dialect);
    }

    /** Migrator for a desktop's SQLite file (created on first use), with the bundled scripts. */
    public static Migrator forSqlite(Path file, MigrationActor actor) {
        return forSqlite(file, actor, "classpath:" + Dialect.SQLITE.location(), Clock.systemDefaultZone());
    }

    /** As {@link #forSqlite(Path, MigrationActor)} with another Flyway location, e.g. {@code filesystem:/dir}. */
    static Migrator forSqlite(Path file, MigrationActor actor, String location) {
        return forSqlite(file, actor, location, Clock.systemDefaultZone());
    }

    static Migrator forSqlite(Path file, MigrationActor actor, String location, Clock clock) {
        Path absolute = file.toAbsolutePath().normalize();
        return new Migrator(Dialect.SQLITE, sqliteDataSource(absolute), absolute, actor,
                ScriptLocation.of(location), clock);
    }

    /** Migrator for the central PostgreSQL, with the bundled scripts. The data source is not closed. */
    public static Migrator forPostgres(DataSource dataSource, MigrationActor actor) {
        return forPostgres(dataSource, actor, "classpath:" + Dialect.POSTGRESQL.location());
    }

    static Migrator forPostgres(DataSource dataSource, MigrationActor actor, String location) {
        return new Migrator(Dialect.POSTGRESQL, Objects.requireNonNull(dataSource, "dataSource"), null, actor,
                ScriptLocation.of(location), Clock.systemDefaultZone());
    }

    static SQLiteDataSource sqliteDataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // A transaction takes the write lock when it begins, so a rollback step never fails half-way
        // on SQLITE_BUSY after reading the history.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    public Dialect dialect() {
        return dialect;
    }

    // ---------------------------------------------------------------------------------- status

    public synchronized MigrationStatus status() {
        try {
            return toStatus(flyway(null).info());
        } catch (RuntimeException e) {
            throw asMigrationException("Cannot read the migration status of " + label(), e);
        }
    }

    private MigrationStatus toStatus(MigrationInfoService info) {
        List<MigrationStatus.AppliedMigration> applied = new ArrayList<>();
        List<MigrationStatus.PendingMigration> pending = new ArrayList<>();
        for (MigrationInfo m : info.all()) {
            if (m.getVersion() == null) {
                continue;
            }
            String script = m.getScript();
            boolean down = script != null && scripts.exists(ScriptLocation.downScriptName(script));
            if (m.isApplied()) {
                applied.add(new MigrationStatus.AppliedMigration(
                        m.getVersion().getVersion(), m.getDescription(), script,
                        m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant(), m.getInstalledBy(),
                        m.getAppliedChecksum(), !m.getState().isFailed(), m.getState().isResolved(), down));
            } else if (m.getState() == MigrationState.PENDING) {
                pending.add(new MigrationStatus.PendingMigration(
                        m.getVersion().getVersion(), m.getDescription(), script, down));
            }
        }
        return new MigrationStatus(dialect, label(), currentVersion(info), applied, pending);
    }

    // ---------------------------------------------------------------------------------- migrate

    /** Migrates to the latest version. */
    public synchronized MigrationOutcome run() {
        return migrate(null);
    }

    /** Migrates up to and including {@code targetVersion} (e.g. {@code 2026.11.25.1210}). */
    public synchronized MigrationOutcome run(String targetVersion) {
        return migrate(targetVersion);
    }

    private MigrationOutcome migrate(String rawTarget) {
        long started = System.nanoTime();
        Versions versions = new Versions();
        MigrationOutcome outcome;
        try {
            MigrationVersion target = rawTarget == null ? null : parseVersion(rawTarget);
            outcome = doMigrate(target, started, versions);
        } catch (RuntimeException e) {
            Optional<String> now = currentVersionQuietly();
            String where = now.map(v -> "; " + label() + " is now at version " + v)
                    .orElse("; " + label() + " has no migration applied");
            MigrationException failure = asMigrationException("Migration of " + label() + " failed", e, where);
            auditFailure(MigrationAction.MIGRATE, versions.from, now, started, failure);
            throw failure;
        }
        auditSuccess(MigrationAction.MIGRATE, outcome.fromVersion(), outcome.toVersion(), started,
                outcome.snapshot().map(Path::toString).orElse(null));
        return outcome;
    }

    private MigrationOutcome doMigrate(MigrationVersion target, long started, Versions versions) {
        MigrationInfoService info = flyway(null).info();
        versions.from = currentVersion(info);
        Optional<String> from = versions.from;
        List<MigrationInfo> pending = pendingUpTo(info, target, from);
        // Same check as Flyway's validateOnMigrate, also when nothing is pending, with our messages.
        List<Problem> problems = problems(flyway(null).validateWithResult(), info, from);
        if (!problems.isEmpty()) {
            throw new MigrationException("Cannot migrate " + label() + ": "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        if (pending.isEmpty()) {
            return new MigrationOutcome(MigrationAction.MIGRATE, from, from, List.of(), Optional.empty(),
                    elapsed(started));
        }
        Path snapshot = dialect == Dialect.SQLITE && sqliteHasTables() ? snapshot(from) : null;
        log.info("Migrating {} from {} to {}", label(), from.orElse("empty"),
                target == null ? "latest" : target.getVersion());
        flyway(target == null ? null : target.getVersion()).migrate();
        Optional<String> to = currentVersion(flyway(null).info());
        List<String> applied = pending.stream()
                .map(MigrationInfo::getVersion)
                .filter(v -> to.isPresent() && v.compareTo(MigrationVersion.fromVersion(to.get())) <= 0)
                .map(MigrationVersion::getVersion)
                .toList();
        return new MigrationOutcome(MigrationAction.MIGRATE, from, to, applied, Optional.ofNullable(snapshot),
                elapsed(started));
    }

    private List<MigrationInfo> pendingUpTo(MigrationInfoService info, MigrationVersion target,
                                            Optional<String> from) {
        List<MigrationInfo> pending = Arrays.stream(info.pending())
                .filter(m -> m.getVersion() != null)
                .sorted(BY_VERSION)
                .toList();
        if (target == null) {
            return pending;
        }
        boolean known = Arrays.stream(info.all()).anyMatch(m -> target.equals(m.getVersion()));
        if (!known) {
            throw new MigrationException("There is no migration " + target.getVersion() + " for " + label()
                    + "; known versions: " + knownVersions(info));
        }
        if (from.isPresent() && MigrationVersion.fromVersion(from.get()).compareTo(target) > 0) {
            throw new MigrationException(label() + " is already at version " + from.get() + ", newer than "
                    + target.getVersion() + "; to go back, roll back to " + target.getVersion());
        }
        return pending.stream().filter(m -> m.getVersion().compareTo(target) <= 0).toList();
    }

    // ---------------------------------------------------------------------------------- rollback

    /**
     * Undoes applied migrations with their {@code D} scripts, newest first, each step (script plus
     * removal of its history row) in one transaction. Without a target, undoes the latest applied
     * migration; with a version V, undoes every applied migration newer than V ({@code "0"} or
     * {@code "empty"}: all of them). Refuses before changing anything when a rollback script is missing.
     */
    public synchronized MigrationOutcome rollback(Optional<String> toVersion) {
        Objects.requireNonNull(toVersion, "toVersion");
        long started = System.nanoTime();
        Versions versions = new Versions();
        MigrationOutcome outcome;
        try {
            outcome = doRollback(toVersion, started, versions);
        } catch (RuntimeException e) {
            Optional<String> now = currentVersionQuietly();
            MigrationException failure = asMigrationException("Rollback of " + label() + " failed", e, "");
            auditFailure(MigrationAction.ROLLBACK, versions.from, now, started, failure);
            throw failure;
        }
        auditSuccess(MigrationAction.ROLLBACK, outcome.fromVersion(), outcome.toVersion(), started,
                outcome.snapshot().map(Path::toString).orElse(null));
        return outcome;
    }

    private MigrationOutcome doRollback(Optional<String> toVersion, long started, Versions versions) {
        MigrationInfoService info = flyway(null).info();
        versions.from = currentVersion(info);
        Optional<String> from = versions.from;
        List<MigrationInfo> applied = Arrays.stream(info.all())
                .filter(m -> m.getVersion() != null && m.isApplied())
                .sorted(BY_VERSION.reversed())
                .toList();
        List<MigrationInfo> steps;
        if (toVersion.isEmpty()) {
            if (applied.isEmpty()) {
                throw new MigrationException("Nothing to roll back: no migration is applied to " + label());
            }
            steps = List.of(applied.getFirst());
        } else {
            String raw = toVersion.get().strip();
            if (raw.equals("0") || raw.equalsIgnoreCase("empty")) {
                steps = applied;
            } else {
                MigrationVersion target = parseVersion(raw);
                if (applied.stream().noneMatch(m -> m.getVersion().equals(target))) {
                    throw new MigrationException("Cannot roll back " + label() + " to version " + target.getVersion()
                            + ": that version is not applied (applied: "
                            + (applied.isEmpty() ? "none" : applied.stream()
                                    .map(m -> m.getVersion().getVersion()).collect(Collectors.joining(", ")))
                            + "); use 0 or empty to undo everything; nothing was changed");
                }
                steps = applied.stream().filter(m -> m.getVersion().compareTo(target) > 0).toList();
            }
        }
        if (steps.isEmpty()) {
            return new MigrationOutcome(MigrationAction.ROLLBACK, from, from, List.of(), Optional.empty(),
                    elapsed(started));
        }

        Map<MigrationInfo, String> downScripts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (MigrationInfo step : steps) {
            String name = ScriptLocation.downScriptName(step.getScript());
            Optional<String> sql = scripts.read(name);
            if (sql.isPresent()) {
                downScripts.put(step, sql.get());
            } else {
                missing.add(name + " (for " + describe(step) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrationException("Cannot roll back " + label() + ": no rollback script "
                    + String.join(", ", missing) + " in " + scripts + "; nothing was changed");
        }

        Path snapshot = dialect == Dialect.SQLITE ? snapshot(from) : null;
        List<String> undone = new ArrayList<>();
        for (Map.Entry<MigrationInfo, String> step : downScripts.entrySet()) {
            MigrationInfo m = step.getKey();
            String scriptName = ScriptLocation.downScriptName(m.getScript());
            log.info("Rolling back {} on {} with {}", describe(m), label(), scriptName);
            try {
                runDownStep(m, step.getValue());
            } catch (SQLException | RuntimeException e) {
                String done = undone.isEmpty() ? "" : "; already undone: " + String.join(", ", undone);
                throw new MigrationException("Rollback of " + describe(m) + " on " + label() + " failed in "
                        + scriptName + ": " + reason(e) + "; that step was cancelled as a whole" + done
                        + "; the database is now at version " + currentVersionQuietly().orElse("empty")
                        + (snapshot == null ? "" : "; snapshot taken before: " + snapshot), e);
            }
            undone.add(m.getVersion().getVersion());
        }
        Optional<String> to = currentVersion(flyway(null).info());
        return new MigrationOutcome(MigrationAction.ROLLBACK, from, to, undone, Optional.ofNullable(snapshot),
                elapsed(started));
    }

    private void runDownStep(MigrationInfo step, String sql) throws SQLException {
        String version = step.getVersion().getVersion();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("LOCK TABLE " + HISTORY_TABLE + " IN ACCESS EXCLUSIVE MODE");
                    }
                }
                Optional<MigrationVersion> latest = latestRecordedVersion(c);
                if (latest.isEmpty() || !latest.get().equals(step.getVersion())) {
                    throw new MigrationException("the schema history changed meanwhile (latest applied is now "
                            + latest.map(MigrationVersion::getVersion).orElse("none") + ", expected " + version + ")");
                }
                executeScript(c, sql);
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + HISTORY_TABLE + " WHERE version = ?")) {
                    ps.setString(1, version);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private static Optional<MigrationVersion> latestRecordedVersion(Connection c) throws SQLException {
        MigrationVersion latest = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (latest == null || v.compareTo(latest) > 0) {
                    latest = v;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private void executeScript(Connection c, String sql) throws SQLException {
        String script = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                // The PostgreSQL driver runs a multi-statement script itself (it understands $$ bodies).
                s.execute(script);
                return;
            }
            List<String> statements = SqliteStatementSplitter.split(script);
            for (int i = 0; i < statements.size(); i++) {
                try {
                    s.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new SQLException("statement " + (i + 1) + " (" + abbreviate(statements.get(i)) + "): "
                            + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------- validate

    /**
     * The check a desktop runs at every start: apply pending migrations when {@code migrate} (snapshot,
     * audit, as {@link #run()}), then {@link #validateOrThrow()} — unless the file's {@link SchemaSeal}
     * shows that these exact scripts and this exact history were validated before, in which case
     * Flyway is not started at all. PostgreSQL has no seal and always runs the full check.
     *
     * @return what the check had to do
     * @throws MigrationException as {@link #run()} and {@link #validateOrThrow()}
     */
    public synchronized StartCheck prepareForStart(boolean migrate) {
        Optional<String> seal = seal();
        Path sealFile = sqliteFile == null ? null : SchemaSeal.fileFor(sqliteFile);
        if (seal.isPresent() && SchemaSeal.matches(sealFile, seal.get())) {
            log.debug("Schema of {} unchanged since its last validation; Flyway not started", label());
            return StartCheck.SEALED;
        }
        StartCheck done = StartCheck.VALIDATED;
        if (migrate && !status().pending().isEmpty()) {
            log.info("Local schema: {}", run()); // validates checksums first, snapshots, audits
            done = StartCheck.MIGRATED;
        }
        validateOrThrow();
        // Seal only a current schema: a seal over pending scripts would let a later start skip them.
        // Validating does not touch the history, so only a migration changes what was sealed above.
        if (sealFile != null && (migrate || status().pending().isEmpty())) {
            (done == StartCheck.MIGRATED ? seal() : seal).ifPresent(s -> SchemaSeal.write(sealFile, s));
        }
        return done;
    }

    /** What {@link #prepareForStart} did. */
    public enum StartCheck {
        /** Same scripts and history as at the last successful validation: nothing to do. */
        SEALED,
        /** Validated by Flyway; nothing was pending (or migrating was not asked for). */
        VALIDATED,
        /** Pending migrations applied, then validated. */
        MIGRATED
    }

    private Optional<String> seal() {
        if (sqliteFile == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return SchemaSeal.compute(c, scripts, HISTORY_TABLE);
        } catch (SQLException | RuntimeException e) {
            log.debug("No schema seal for {}; running the full check", label(), e);
            return Optional.empty();
        }
    }

    /**
     * Checks the applied migrations against the scripts (Flyway's checksum validation): an applied
     * script edited afterwards, an applied migration whose script is gone, an old script never
     * applied. Pending migrations are not a problem. Writes an audit row (failure when problems).
     */
    public synchronized ValidationResult validate() {
        return validate(true);
    }

    private ValidationResult validate(boolean recordSuccess) {
        long started = System.nanoTime();
        Versions versions = new Versions();
        ValidationResult result;
        try {
            Flyway flyway = flyway(null);
            MigrationInfoService info = flyway.info();
            versions.from = currentVersion(info);
            result = new ValidationResult(label(), problems(flyway.validateWithResult(), info, versions.from));
        } catch (RuntimeException e) {
            MigrationException failure = asMigrationException("Cannot validate the migrations of " + label(), e);
            auditFailure(MigrationAction.VALIDATE, versions.from, versions.from, started, failure);
            throw failure;
        }
        if (result.valid()) {
            if (recordSuccess) {
                auditSuccess(MigrationAction.VALIDATE, versions.from, versions.from, started, null);
            }
        } else {
            MigrationException failure = new MigrationException(result.summary());
            auditFailure(MigrationAction.VALIDATE, versions.from, versions.from, started, failure);
        }
        return result;
    }

    /**
     * {@link #validate()} for use at every start: throws with a one-line message on any problem.
     * Only failures are audited; a row per successful start would bury the real events.
     */
    public synchronized void validateOrThrow() {
        ValidationResult result = validate(false);
        if (!result.valid()) {
            throw new MigrationException(result.problems().size() == 1 ? result.summary()
                    : result.problems().size() + " migration problems in " + result.database() + ": "
                            + result.summary());
        }
    }

    private List<Problem> problems(ValidateResult result, MigrationInfoService info, Optional<String> current) {
        List<Problem> problems = new ArrayList<>();
        if (result.invalidMigrations != null) {
            for (ValidateOutput o : result.invalidMigrations) {
                problems.add(problem(o, info, current));
            }
        }
        if (problems.isEmpty() && !result.validationSuccessful) {
            String why = result.errorDetails == null ? "unknown reason" : firstLine(result.errorDetails.errorMessage);
            problems.add(new Problem(null, null, Kind.OTHER,
                    "The migrations of " + label() + " failed validation: " + why));
        }
        return problems;
    }

    private Problem problem(ValidateOutput o, MigrationInfoService info, Optional<String> current) {
        ErrorCode code = o.errorDetails == null ? null : o.errorDetails.errorCode;
        String version = o.version;
        MigrationInfo m = Arrays.stream(info.all())
                .filter(i -> i.getVersion() != null && version != null && i.getVersion().getVersion().equals(version))
                .findFirst().orElse(null);
        String description = o.description != null && !o.description.isBlank() ? o.description
                : m == null ? null : m.getDescription();
        String name = "Migration " + version + (description == null || description.isBlank() ? "" : " (" + description + ")");
        if (code == CoreErrorCode.CHECKSUM_MISMATCH) {
            Integer applied = m == null ? null : m.getAppliedChecksum();
            Integer resolved = m == null ? null : m.getResolvedChecksum();
            return new Problem(version, description, Kind.CHANGED_AFTER_APPLIED,
                    name + " was changed after it was applied to " + label() + ": checksum " + applied
                            + " in the database, " + resolved + " in the script");
        }
        if (code == CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED) {
            return new Problem(version, description, Kind.SCRIPT_MISSING,
                    name + " was applied to " + label() + " but its script is missing from " + scripts);
        }
        if (code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED) {
            return new Problem(version, description, Kind.NOT_APPLIED,
                    name + " was never applied to " + label() + " but is older than its current version "
                            + current.orElse("?") + "; give the script a newer timestamp");
        }
        if (code == CoreErrorCode.DESCRIPTION_MISMATCH) {
            return new Problem(version, description, Kind.DESCRIPTION_CHANGED,
                    "Migration " + version + " was applied to " + label() + " as '"
                            + (m == null ? "?" : m.getAppliedDescription()) + "' but its script is now named '"
                            + (m == null ? "?" : m.getResolvedDescription()) + "'");
        }
        if (code == CoreErrorCode.TYPE_MISMATCH) {
            return new Problem(version, description, Kind.TYPE_CHANGED,
                    name + " changed type after it was applied to " + label() + ": "
                            + (m == null ? "?" : m.getAppliedType()) + " in the database, "
                            + (m == null ? "?" : m.getResolvedType()) + " in the scripts");
        }
        if (code == CoreErrorCode.FAILED_VERSIONED_MIGRATION) {
            return new Problem(version, description, Kind.FAILED,
                    name + " is recorded as failed in " + label() + "; restore the snapshot or roll it back");
        }
        String why = o.errorDetails == null ? "invalid" : firstLine(o.errorDetails.errorMessage);
        return new Problem(version, description, Kind.OTHER, name + " in " + label() + ": " + why);
    }

    // ---------------------------------------------------------------------------------- audit

    /** The latest {@code limit} rows of {@code migration_audit}, newest first. */
    public synchronized List<MigrationAuditEntry> auditTrail(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        try (Connection c = dataSource.getConnection()) {
            return audit.latest(c, limit);
        } catch (SQLException e) {
            throw new MigrationException("Cannot read the migration audit of " + label() + ": " + reason(e), e);
        }
    }

    private void auditSuccess(MigrationAction action, Optional<String> from, Optional<String> to, long started,
                              String detail) {
        try {
            writeAudit(action, from, to, started, Outcome.SUCCESS, detail);
        } catch (SQLException | RuntimeException e) {
            throw new MigrationException("The " + action.columnValue() + " of " + label() + " succeeded (now at "
                    + to.orElse("empty") + ") but could not be recorded in " + MigrationAuditLog.TABLE + ": "
                    + reason(e), e);
        }
    }

    private void auditFailure(MigrationAction action, Optional<String> from, Optional<String> to, long started,
                              MigrationException failure) {
        try {
            writeAudit(action, from, to, started, Outcome.FAILURE, failure.getMessage());
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            log.error("Could not record the failed {} of {} in {}: {}", action.columnValue(), label(),
                    MigrationAuditLog.TABLE, reason(e));
        }
    }

    private void writeAudit(MigrationAction action, Optional<String> from, Optional<String> to, long started,
                            Outcome outcome, String detail) throws SQLException {
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        try (Connection c = dataSource.getConnection()) {
            if (!audit.exists(c) && !historyTableExists(c)) {
                createHistoryTable();
            }
            audit.createIfMissing(c);
            audit.append(c, clock.instant(), actor, action, from, to, ms, outcome, detail);
        }
    }

    /**
     * Flyway refuses to migrate a schema that has tables but no history table. Our audit table must
     * therefore never be the first table of a fresh database: let Flyway create its history table
     * first (a migrate to the current version applies nothing).
     */
    private void createHistoryTable() {
        try {
            flyway("current").migrate();
        } catch (FlywayException e) {
            log.warn("Flyway could not create its schema history table in {}: {}", label(), firstLine(e.getMessage()));
        }
    }

    private boolean historyTableExists(Connection c) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL"
                : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY_TABLE + "'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    // ---------------------------------------------------------------------------------- snapshot

    private boolean sqliteHasTables() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new MigrationException("Cannot read " + label() + ": " + reason(e), e);
        }
    }

    /** {@code VACUUM INTO <dir of file>/backups/<file>-<from or empty>-<yyyyMMdd-HHmmss>.db}, audited. */
    private Path snapshot(Optional<String> from) {
        long started = System.nanoTime();
        Path dir = sqliteFile.getParent().resolve("backups");
        try {
            Files.createDirectories(dir);
            String base = sqliteFile.getFileName() + "-" + from.orElse("empty") + "-"
                    + LocalDateTime.now(clock).format(SNAPSHOT_STAMP);
            Path target = dir.resolve(base + ".db");
            for (int i = 2; Files.exists(target); i++) {
                target = dir.resolve(base + "-" + i + ".db");
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
            }
            log.info("Snapshot of {} taken: {}", label(), target);
            auditSuccess(MigrationAction.SNAPSHOT, from, from, started, target.toString());
            return target;
        } catch (IOException | SQLException e) {
            MigrationException failure = new MigrationException("Could not take a snapshot of " + label() + " in "
                    + dir + " (" + reason(e) + "); nothing was changed", e);
            auditFailure(MigrationAction.SNAPSHOT, from, from, started, failure);
            throw failure;
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private Flyway flyway(String target) {
        FluentConfiguration config = Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(scripts.flywayLocation())
                .table(HISTORY_TABLE)
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .baselineOnMigrate(false)
                .failOnMissingLocations(true)
                .mixed(false)
                .group(false)
                .outOfOrder(false)
                .placeholderReplacement(false)
                // D-scripts live beside the V-scripts; Flyway must skip them, not fail on their names.
                .validateMigrationNaming(false)
                // Pending migrations are not a validation problem (they are what run() is for);
                // migrations applied by a newer release are tolerated (expand/contract rollouts).
                .ignoreMigrationPatterns("*:pending", "*:future")
                .loggers("slf4j");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static Optional<String> currentVersion(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }

    private Optional<String> currentVersionQuietly() {
        try {
            return currentVersion(flyway(null).info());
        } catch (RuntimeException e) {
            log.debug("Cannot read the current version of {}", label(), e);
            return Optional.empty();
        }
    }

    static MigrationVersion parseVersion(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new MigrationException("No migration version given (expected e.g. 2026.11.25.1210)");
        }
        String s = raw.strip();
        if (s.startsWith("V") || s.startsWith("v")) {
            s = s.substring(1);
        }
        s = s.replace('_', '.');
        if (!s.matches("\\d+(\\.\\d+)*")) {
            throw new MigrationException("'" + raw.strip() + "' is not a migration version (expected e.g. 2026.11.25.1210)");
        }
        return MigrationVersion.fromVersion(s);
    }

    private static String knownVersions(MigrationInfoService info) {
        return Arrays.stream(info.all()).filter(m -> m.getVersion() != null)
                .map(m -> m.getVersion().getVersion()).distinct().collect(Collectors.joining(", "));
    }

    private static String describe(MigrationInfo m) {
        return m.getVersion().getVersion() + " (" + m.getDescription() + ")";
    }

    private String label() {
        if (label != null) {
            return label;
        }
        if (dialect == Dialect.SQLITE) {
            label = "SQLite file " + sqliteFile;
            return label;
        }
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            int query = url.indexOf('?');
            label = "PostgreSQL " + (query >= 0 ? url.substring(0, query) : url);
            return label;
        } catch (SQLException e) {
            return "the PostgreSQL database";
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static MigrationException asMigrationException(String context, RuntimeException e) {
        return asMigrationException(context, e, "");
    }

    private static MigrationException asMigrationException(String context, RuntimeException e, String suffix) {
        if (e instanceof MigrationException me) {
            return suffix.isEmpty() || me.getMessage().contains(suffix.substring(2))
                    ? me : new MigrationException(me.getMessage() + suffix, me);
        }
        return new MigrationException(context + ": " + reason(e) + suffix, e);
    }

    /** One line saying why, from Flyway, JDBC or I/O exceptions, without stack traces. */
    static String reason(Throwable e) {
        if (e instanceof MigrationException) {
            return e.getMessage();
        }
        FlywaySqlScriptException script = find(e, FlywaySqlScriptException.class);
        SQLException sql = find(e, SQLException.class);
        String sqlMessage = sql == null ? null : firstLine(sql.getMessage());
        if (script != null) {
            String file = script.getResource() == null ? "script" : script.getResource().getFilename();
            return file + ", line " + script.getLineNumber() + ": " + (sqlMessage != null ? sqlMessage : "error");
        }
        if (e instanceof FlywayException) {
            String first = firstLine(e.getMessage());
            return sqlMessage != null && !first.contains(sqlMessage) ? first + ": " + sqlMessage : first;
        }
        if (e instanceof SQLException) {
            return firstLine(e.getMessage());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : firstLine(message);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The first non-blank line, trimmed, with a trailing period removed. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !line.strip().matches("-+")) {
                String s = line.strip();
                return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
            }
        }
        return "unknown error";
    }

    private static String abbreviate(String statement) {
        String s = statement.replaceAll("\\s+", " ").strip();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Mutable holder so a failure path still knows the version it started from. */
    private static final class Versions {
        Optional<String> from = Optional.empty();
    }
}
