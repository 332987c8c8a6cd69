package br.com.prontivus.cli;

import br.com.prontivus.i18n.Messages;
import br.com.prontivus.sync.ConflictField;
import br.com.prontivus.sync.ConflictResolver;
import br.com.prontivus.sync.ConflictResolver.Conflict;
import br.com.prontivus.sync.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "conflicts", description = {
        "Sync conflicts of this clinic (as pulled from the server): list, show one with its base, local",
        "and server values per field, and resolve. A resolution is a synced change: it reaches the",
        "server and the other desktops with the next sync."},
        subcommands = {ConflictsCommand.ListConflicts.class, ConflictsCommand.Show.class, ConflictsCommand.Resolve.class})
final class ConflictsCommand {

    static ConflictResolver resolver(CliContext ctx) {
        SyncCli.requireLocal(ctx);
        return ctx.app().conflictResolver();
    }

    static Conflict require(ConflictResolver resolver, String id) {
        UUID uuid = SyncCli.uuid(id, "ID");
        return resolver.get(uuid)
                .orElseThrow(() -> CliException.localized(ExitCodes.NOT_FOUND, "error.conflict.not_found", id));
    }

    static Map<String, Object> view(Conflict c, boolean withFields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("table", c.table());
        m.put("row_id", c.rowId());
        m.put("op_id", c.opId());
        m.put("device_id", c.deviceId());
        m.put("strategy", c.strategy());
        m.put("outcome", c.outcome());
        m.put("status", c.status());
        m.put("detected_at", c.detectedAt());
        m.put("resolved_at", c.resolvedAt());
        m.put("resolved_by", c.resolvedBy());
        m.put("resolution", c.resolution());
        if (withFields) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (ConflictField f : c.fields()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("field", f.field());
                fm.put("base", f.base());
                fm.put("local", f.local());
                fm.put("server", f.server());
                fm.put("winner", f.winner().name().toLowerCase(Locale.ROOT));
                fm.put("differs", !Values.same(f.local(), f.server()));
                fields.add(fm);
            }
            m.put("fields", fields);
        } else {
            m.put("fields", c.fields().stream().map(ConflictField::field).toList());
        }
        return m;
    }

    @Command(name = "list", description = "Conflicts, newest first.")
    static final class ListConflicts extends ContextCommand {
        @Option(names = "--status", paramLabel = "open|resolved", description = "Only open or only resolved ones.")
        String status;

        @Option(names = "--table", paramLabel = "T", description = "Only conflicts on this table.")
        String table;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N (default 200).")
        int limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            String wanted = status == null ? null : status.strip().toLowerCase(Locale.ROOT);
            if (wanted != null && !wanted.equals("open") && !wanted.equals("resolved")) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.conflict.status", status);
            }
            List<Conflict> conflicts = resolver(ctx).list(wanted, table, Math.max(1, limit));
            if (json) {
                ctx.out().println(Json.write(conflicts.stream().map(c -> view(c, false)).toList()));
                return ExitCodes.OK;
            }
            if (conflicts.isEmpty()) {
                ctx.out().println(Messages.get("conflicts.none"));
                return ExitCodes.OK;
            }
            TextTable t = new TextTable("ID", "TABLE", "ROW", "FIELDS", "STRATEGY", "OUTCOME", "STATUS", "DETECTED");
            for (Conflict c : conflicts) {
                t.row(c.id(), c.table(), c.rowId(), String.join(",", c.fields().stream().map(ConflictField::field).toList()),
                        c.strategy(), c.outcome(), c.status(), c.detectedAt());
            }
            t.print(ctx.out());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One conflict: base, local and server value per field; '*' marks fields whose sides differ.")
    static final class Show extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Conflict c = require(resolver(ctx), id);
            if (json) {
                ctx.out().println(Json.write(view(c, true)));
                return ExitCodes.OK;
            }
            ctx.out().println(Messages.get("conflicts.show.header", c.id(), c.table(), c.rowId(), c.status(),
                    c.strategy(), c.outcome(), c.detectedAt()));
            if (!c.open()) {
                ctx.out().println(Messages.get("conflicts.show.resolved", c.resolvedAt(), c.resolvedBy(), c.resolution()));
            }
            TextTable t = new TextTable("", "FIELD", "BASE", "LOCAL", "SERVER", "KEPT");
            for (ConflictField f : c.fields()) {
                t.row(Values.same(f.local(), f.server()) ? "" : "*", f.field(), f.base(), f.local(), f.server(),
                        f.winner().name().toLowerCase(Locale.ROOT));
            }
            t.print(ctx.out());
            return ExitCodes.OK;
        }
    }

    @Command(name = "resolve", description = {
            "Settles an open conflict: --take names the side for every field, --field NAME=SIDE overrides it",
            "for one field (repeatable). Taking local writes this desktop's value as a new synced change."})
    static final class Resolve extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--take", required = true, paramLabel = "server|local", description = "Side for every field.")
        String take;

        @Option(names = "--field", paramLabel = "NAME=server|local", description = "Side for one field (repeatable).")
        Map<String, String> fields = new LinkedHashMap<>();

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            ConflictResolver resolver = resolver(ctx);
            ConflictResolver.Side side = side(take, "--take");
            Map<String, ConflictResolver.Side> choices = new LinkedHashMap<>();
            fields.forEach((name, value) -> choices.put(name.strip(), side(value, "--field " + name)));
            Conflict c = require(resolver, id);
            if (!c.open()) {
                throw CliException.localized(ExitCodes.CONFLICT, "error.conflict.resolved", c.id(), c.resolution());
            }
            for (String name : choices.keySet()) {
                if (c.fields().stream().noneMatch(f -> f.field().equals(name))) {
                    throw CliException.localized(ExitCodes.BAD_INPUT, "error.conflict.no_field", c.id(), name,
                            String.join(", ", c.fields().stream().map(ConflictField::field).toList()));
                }
            }
            Conflict resolved;
            try {
                resolved = resolver.resolve(c.id(), side, choices, ctx.osUser());
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new CliException(ExitCodes.CONFLICT, e.getMessage());
            }
            if (json) {
                ctx.out().println(Json.write(view(resolved, true)));
            } else {
                ctx.out().println(Messages.get("conflicts.resolved", resolved.id(), resolved.resolution()));
            }
            return ExitCodes.OK;
        }

        private static ConflictResolver.Side side(String text, String option) {
            try {
                return ConflictResolver.Side.parse(text);
            } catch (IllegalArgumentException e) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.conflict.side", option, text);
            }
        }
    }
}
