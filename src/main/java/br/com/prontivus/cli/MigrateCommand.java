package br.com.prontivus.cli;

import br.com.prontivus.app.ServerLink;
import br.com.prontivus.clinic.LocalIdentityStore;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.MigrationOutcome;
import br.com.prontivus.migration.MigrationScripts;
import br.com.prontivus.migration.MigrationStatus;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.migration.ValidationResult;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "migrate", description = {
        "Schema migrations of the local SQLite file and of the central PostgreSQL.",
        "--local or --remote picks one database; with neither, both when a server is configured",
        "(the local one first), else the local one only. The local file is snapshotted (VACUUM INTO)",
        "before it is changed; every action is recorded in migration_audit on its database."},
        subcommands = {MigrateCommand.Status.class, MigrateCommand.Run.class, MigrateCommand.Rollback.class,
                MigrateCommand.Validate.class, MigrateCommand.Create.class})
final class MigrateCommand {

    /** One database to act on, opened for the duration of one action. */
    private record Side(String name, Migrator migrator, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (resource != null) {
                resource.close();
            }
        }
    }

    /** Options and the loop over the chosen databases, shared by status, run, rollback and validate. */
    abstract static class OnDatabases extends ContextCommand {
        @Option(names = "--local", description = "Only the local SQLite file.")
        boolean local;
        @Option(names = "--remote", description = "Only the central PostgreSQL.")
        boolean remote;

        /** Keep going with the next database after one failed (true for read-only actions). */
        abstract boolean continueAfterFailure();

        /** Acts on one database; puts what it found into {@code results} under the side's name; returns an exit code. */
        abstract int apply(CliContext ctx, String side, Migrator migrator, Map<String, Object> results);

        /** Prints the collected results (JSON), after all databases. */
        void finish(CliContext ctx, Map<String, Object> results) {
        }

        /** Checks made before any database is touched (e.g. the rollback confirmation). */
        void before(CliContext ctx, List<String> sides) {
        }

        @Override
        protected final int run(CliContext ctx) {
            List<String> sides = sides(ctx.config());
            before(ctx, sides);
            Map<String, Object> results = new LinkedHashMap<>();
            int code = ExitCodes.OK;
            for (String name : sides) {
                int result;
                try (Side side = open(ctx, name)) {
                    result = apply(ctx, name, side.migrator(), results);
                } catch (Exception e) {
                    results.put(name, Map.of("error", ErrorReporter.message(e)));
                    result = ErrorReporter.report(e, ctx.err(), ctx.config().debug());
                }
                if (code == ExitCodes.OK) {
                    code = result;
                }
                if (result != ExitCodes.OK && !continueAfterFailure()) {
                    break;
                }
            }
            finish(ctx, results);
            return code;
        }

        private List<String> sides(AppConfig config) {
            boolean hasLocal = config.useSqlite();
            boolean hasRemote = config.postgres().isPresent();
            if (local && !hasLocal) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.migrate.no_local");
            }
            if (remote && !hasRemote) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.migrate.no_server");
            }
            List<String> sides = new ArrayList<>();
            if (local || (!remote && hasLocal)) {
                sides.add("local");
            }
            if (remote || (!local && hasRemote)) {
                sides.add("remote");
            }
            return sides;
        }

        private static Side open(CliContext ctx, String name) {
            AppConfig config = ctx.config();
            if (name.equals("local")) {
                Path file = config.sqlitePath();
                String device = null;
                // Opening refuses a damaged or locked file with a clear message, before Flyway touches it.
                try (SqliteDatabase db = SqliteDatabase.open(file)) {
                    device = deviceId(db);
                }
                return new Side(name, Migrator.forSqlite(file, new MigrationActor(ctx.osUser(), device)), null);
            }
            PostgresTarget target = config.postgres().orElseThrow();
            if (ServerLink.probe(config, target) instanceof ServerLink.Reachability.Unreachable u) {
                throw CliException.localized(ExitCodes.FAILURE, "error.migrate.unreachable", target.maskedUrl(),
                        u.reason());
            }
            PostgresDatabase server = PostgresDatabase.open(ServerLink.commandPoolFor(config, target));
            return new Side(name, Migrator.forPostgres(server.dataSource(), new MigrationActor(ctx.osUser(), null)),
                    server);
        }

        /** This desktop's device id for the audit, when the file already has one. */
        private static String deviceId(SqliteDatabase db) {
            try {
                return new LocalIdentityStore(db).load().map(i -> i.deviceId().toString()).orElse(null);
            } catch (RuntimeException noSchemaYet) {
                return null;
            }
        }
    }

    @Command(name = "status", description = "Current version, applied and pending migrations.")
    static final class Status extends OnDatabases {
        @Option(names = "--json", description = "Print JSON: {local: {...}, remote: {...}}.")
        boolean json;

        @Override
        boolean continueAfterFailure() {
            return true;
        }

        @Override
        int apply(CliContext ctx, String side, Migrator migrator, Map<String, Object> results) {
            MigrationStatus s = migrator.status();
            if (json) {
                results.put(side, view(s));
                return ExitCodes.OK;
            }
            ctx.out().println(side + ": " + s.database() + " at version " + s.currentVersion().orElse("(empty)"));
            TextTable table = new TextTable("VERSION", "DESCRIPTION", "STATE", "INSTALLED", "ROLLBACK SCRIPT");
            s.applied().forEach(a -> table.row(a.version(), a.description(), a.success() ? "applied" : "failed",
                    a.installedOn(), a.rollbackScriptAvailable() ? "yes" : "no"));
            s.pending().forEach(p -> table.row(p.version(), p.description(), "pending", "",
                    p.rollbackScriptAvailable() ? "yes" : "no"));
            table.print(ctx.out());
            return ExitCodes.OK;
        }

        @Override
        void finish(CliContext ctx, Map<String, Object> results) {
            if (json) {
                ctx.out().println(Json.write(results));
            }
        }

        private static Map<String, Object> view(MigrationStatus s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dialect", s.dialect().name().toLowerCase(Locale.ROOT));
            m.put("database", s.database());
            m.put("current_version", s.currentVersion().orElse(null));
            m.put("applied", s.applied().stream().map(a -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("version", a.version());
                e.put("description", a.description());
                e.put("script", a.script());
                e.put("installed_on", a.installedOn());
                e.put("installed_by", a.installedBy());
                e.put("checksum", a.checksum());
                e.put("success", a.success());
                e.put("rollback_script", a.rollbackScriptAvailable());
                return e;
            }).toList());
            m.put("pending", s.pending().stream().map(p -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("version", p.version());
                e.put("description", p.description());
                e.put("script", p.script());
                e.put("rollback_script", p.rollbackScriptAvailable());
                return e;
            }).toList());
            return m;
        }
    }

    @Command(name = "run", description = "Apply pending migrations (all, or up to --to).")
    static final class Run extends OnDatabases {
        @Option(names = "--to", paramLabel = "VERSION", description = "Stop at this version, e.g. 2026.11.25.1210.")
        String to;

        @Override
        boolean continueAfterFailure() {
            return false;
        }

        @Override
        int apply(CliContext ctx, String side, Migrator migrator, Map<String, Object> results) {
            printOutcome(ctx, side, to == null ? migrator.run() : migrator.run(to));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", description = {
            "Undo migrations with their rollback scripts: the latest one, or every one newer than --to",
            "(--to 0 undoes all). Asks for confirmation on a terminal; elsewhere needs --yes."})
    static final class Rollback extends OnDatabases {
        @Option(names = "--to", paramLabel = "VERSION", description = "Keep this version and undo the newer ones.")
        String to;
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        boolean continueAfterFailure() {
            return false;
        }

        @Override
        void before(CliContext ctx, List<String> sides) {
            if (yes) {
                return;
            }
            Console console = System.console();
            if (console == null || !console.isTerminal()) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.migrate.needs_yes");
            }
            String answer = console.readLine("%s: ", br.com.prontivus.i18n.Messages.get("error.migrate.confirm",
                    String.join(" and ", sides)));
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.migrate.not_confirmed");
            }
        }

        @Override
        int apply(CliContext ctx, String side, Migrator migrator, Map<String, Object> results) {
            printOutcome(ctx, side, migrator.rollback(Optional.ofNullable(to)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", description = {"Check the applied migrations against the scripts (checksums).",
            "Exit code 4 when a database does not match its scripts."})
    static final class Validate extends OnDatabases {
        @Option(names = "--json", description = "Print JSON: {local: {database, valid, problems}, remote: {...}}.")
        boolean json;

        @Override
        boolean continueAfterFailure() {
            return true;
        }

        @Override
        int apply(CliContext ctx, String side, Migrator migrator, Map<String, Object> results) {
            ValidationResult r = migrator.validate();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("database", r.database());
                m.put("valid", r.valid());
                m.put("problems", r.problems().stream().map(p -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("version", p.version());
                    e.put("description", p.description());
                    e.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
                    e.put("message", p.message());
                    return e;
                }).toList());
                results.put(side, m);
            } else if (r.valid()) {
                ctx.out().println(side + ": " + r.database() + " matches its scripts");
            } else {
                r.problems().forEach(p -> ctx.err().println("prontivus: " + side + ": " + p.message()));
            }
            return r.valid() ? ExitCodes.OK : ExitCodes.CONFLICT;
        }

        @Override
        void finish(CliContext ctx, Map<String, Object> results) {
            if (json) {
                ctx.out().println(Json.write(results));
            }
        }
    }

    @Command(name = "create", description = "Write an empty up and down script for each dialect, with a timestamped version.")
    static final class Create extends ContextCommand {
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Lower-case words, e.g. add patient notes.")
        List<String> name;
        @Option(names = "--dir", paramLabel = "DIR", description = "Migration root (default: ${DEFAULT-VALUE}).",
                defaultValue = "src/main/resources/db/migration")
        Path dir;

        @Override
        protected int run(CliContext ctx) {
            String joined = String.join(" ", name);
            if (!joined.matches("[a-z0-9_ ]+")) {
                throw CliException.badInput("Invalid migration name '" + joined
                        + "': use only lower-case letters, digits, spaces and underscores, e.g. 'add patient notes'");
            }
            MigrationScripts.Created created = MigrationScripts.create(dir, joined, Clock.systemDefaultZone());
            ctx.out().println("Migration " + created.version() + ":");
            created.all().forEach(p -> ctx.out().println("  " + p));
            return ExitCodes.OK;
        }
    }

    static void printOutcome(CliContext ctx, String side, MigrationOutcome o) {
        String from = o.fromVersion().orElse("(empty)");
        String to = o.toVersion().orElse("(empty)");
        String verb = o.action().name().toLowerCase(Locale.ROOT).startsWith("rollback") ? "rolled back" : "migrated";
        if (!o.changedAnything()) {
            ctx.out().println(side + ": nothing to do, at version " + from);
            return;
        }
        ctx.out().println(side + ": " + verb + " from " + from + " to " + to + " (" + String.join(", ", o.versions())
                + ")" + o.snapshot().map(p -> "; snapshot " + p).orElse(""));
    }
}
