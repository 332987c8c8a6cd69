package br.com.prontivus.cli;

import br.com.prontivus.app.ServerLink;
import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.i18n.Messages;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.MigrationOutcome;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.sync.ServerAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "server", description = {
        "Administration of the central PostgreSQL, run with a privileged DATABASE_URL (the schema owner",
        "or a superuser). Desktops never use that URL: each clinic gets its own login role (grant)."},
        subcommands = {ServerCommand.Setup.class, ServerCommand.Grant.class, ServerCommand.Purge.class})
final class ServerCommand {

    /** Opens the configured server for one administrative action; the local data directory is not touched. */
    static PostgresDatabase open(CliContext ctx) {
        PostgresTarget target = ctx.config().postgres()
                .orElseThrow(() -> CliException.localized(ExitCodes.BAD_INPUT, "error.server.no_url"));
        if (ServerLink.probe(ctx.config(), target) instanceof ServerLink.Reachability.Unreachable u) {
            throw CliException.localized(ExitCodes.FAILURE, "error.migrate.unreachable", target.maskedUrl(), u.reason());
        }
        return PostgresDatabase.open(ServerLink.commandPoolFor(ctx.config(), target));
    }

    static void requireSetUp(PostgresDatabase server) {
        Boolean ready = server.read(dsl -> dsl.resultQuery("SELECT to_regclass('clinic_members') IS NOT NULL")
                .fetchOne(0, Boolean.class));
        if (!Boolean.TRUE.equals(ready)) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.server.not_setup");
        }
    }

    @Command(name = "setup", description = {
            "Migrates the server schema (tables, per-clinic version counters, the desktop group role,",
            "row-level security) and checks that row-level security is on. Safe to run again."})
    static final class Setup extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            try (PostgresDatabase server = open(ctx)) {
                MigrationOutcome outcome = new ServerAdmin(server, new MigrationActor(ctx.osUser(), null)).setup();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("server", server.label());
                m.put("from_version", outcome.fromVersion().orElse(null));
                m.put("to_version", outcome.toVersion().orElse(null));
                m.put("applied", outcome.versions());
                m.put("row_level_security", true);
                m.put("desktop_group_role", ServerAdmin.DESKTOP_GROUP);
                if (json) {
                    ctx.out().println(Json.write(m));
                } else if (outcome.changedAnything()) {
                    ctx.out().println(Messages.get("server.setup.migrated", outcome.fromVersion().orElse("(empty)"),
                            outcome.toVersion().orElse("?"), String.join(", ", outcome.versions())));
                    ctx.out().println(Messages.get("server.setup.rls", ServerAdmin.DESKTOP_GROUP));
                } else {
                    ctx.out().println(Messages.get("server.setup.up_to_date", outcome.toVersion().orElse("?")));
                    ctx.out().println(Messages.get("server.setup.rls", ServerAdmin.DESKTOP_GROUP));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "grant", description = {
            "Creates (or re-passwords) the login role a clinic's desktops use, allowed to see and write",
            "only that clinic's rows. --clinic new generates the clinic id. The password is read from the",
            "terminal (twice) or from one line of standard input."})
    static final class Grant extends ContextCommand {
        @Option(names = "--clinic", required = true, paramLabel = "ID|new", description = "Clinic id, or new.")
        String clinic;

        @Option(names = "--role", paramLabel = "NAME",
                description = "Login role name (default: clinic_ and the first 12 hex digits of the id).")
        String role;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            UUID clinicId = "new".equalsIgnoreCase(clinic.strip()) ? Ids.newId() : SyncCli.uuid(clinic, "--clinic");
            String name = role == null ? ServerAdmin.defaultRole(clinicId) : role.strip().toLowerCase(Locale.ROOT);
            try (PostgresDatabase server = open(ctx)) {
                requireSetUp(server);
                char[] password = Passwords.read(ctx, Messages.get("server.grant.password_prompt", name), true);
                try {
                    new ServerAdmin(server, new MigrationActor(ctx.osUser(), null)).grant(clinicId, name, password);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new CliException(e instanceof IllegalArgumentException ? ExitCodes.BAD_INPUT
                            : ExitCodes.CONFLICT, e.getMessage());
                } finally {
                    StaffService.wipe(password);
                }
            }
            PostgresTarget target = ctx.config().postgres().orElseThrow();
            String url = "postgresql://" + name + ":PASSWORD@" + target.host() + ":" + target.port() + "/"
                    + target.database() + "?sslmode=" + target.sslMode();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("clinic_id", clinicId);
                m.put("role", name);
                m.put("database_url", url);
                ctx.out().println(Json.write(m));
            } else {
                ctx.out().println(Messages.get("server.grant.done", name, clinicId));
                ctx.out().println(Messages.get("server.grant.clinic_id", clinicId));
                ctx.out().println(Messages.get("server.grant.url", url));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "purge", description = {
            "Server side of retention: hard-deletes a clinic's tombstones older than N days and moves its",
            "purge horizon, so desktops that had not seen those deletes re-bootstrap instead of missing them."})
    static final class Purge extends ContextCommand {
        @Option(names = "--clinic", required = true, paramLabel = "ID", description = "Clinic id.")
        String clinic;

        @Option(names = "--older-than-days", required = true, paramLabel = "N",
                description = "Only tombstones last changed more than N days ago (0: all).")
        int days;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            if (days < 0) {
                throw CliException.badInput("--older-than-days must be 0 or more (got " + days + ")");
            }
            UUID clinicId = SyncCli.uuid(clinic, "--clinic");
            try (PostgresDatabase server = open(ctx)) {
                requireSetUp(server);
                Instant olderThan = Instant.now().minus(Duration.ofDays(days));
                ServerAdmin.PurgeReport report = new ServerAdmin(server, new MigrationActor(ctx.osUser(), null))
                        .purge(clinicId, olderThan);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("clinic_id", clinicId);
                    m.put("older_than", olderThan);
                    m.put("removed", report.removed());
                    m.put("purged_through", report.horizon());
                    ctx.out().println(Json.write(m));
                } else {
                    int total = report.removed().values().stream().mapToInt(Integer::intValue).sum();
                    ctx.out().println(Messages.get("server.purge.done", total, clinicId, report.horizon()));
                    report.removed().forEach((kind, n) -> ctx.out().println("  " + kind + ": " + n));
                }
                return ExitCodes.OK;
            }
        }
    }
}
