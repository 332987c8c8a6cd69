package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.i18n.Messages;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.sync.OutboxQueue;
import br.com.prontivus.sync.Retention;
import br.com.prontivus.sync.SyncStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "offline", description = "The local queue of changes (outbox) and local retention.",
        subcommands = {OfflineCommand.Status.class, OfflineCommand.Operations.class, OfflineCommand.Cleanup.class})
final class OfflineCommand {

    @Command(name = "status", description = "Queue sizes, the oldest change still waiting, conflicts, retention.")
    static final class Status extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Prontivus app = SyncCli.requireLocal(ctx);
            SyncStatus s = app.syncStatus();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", app.mode().name().toLowerCase(Locale.ROOT));
            m.put("server_configured", ctx.config().postgres().isPresent());
            m.put("sync_enabled", ctx.config().sync().enabled());
            m.put("pending", s.pending());
            m.put("parked", s.parked());
            m.put("acknowledged", s.acknowledged());
            m.put("oldest_pending_at", s.oldestPending());
            m.put("open_conflicts", s.openConflicts());
            m.put("last_success_at", s.lastSuccessAt());
            m.put("last_error", s.lastError());
            m.put("retention_days", ctx.config().sync().retentionDays());
            if (json) {
                ctx.out().println(Json.write(m));
            } else {
                StatusCommand.print(ctx, "", m);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "operations", description = "Queued operations, oldest first (default: pending and parked ones).")
    static final class Operations extends ContextCommand {
        @Option(names = "--status", paramLabel = "pending|parked|acknowledged", description = "Only operations in this state.")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N (default 200).")
        int limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Prontivus app = SyncCli.requireLocal(ctx);
            OutboxQueue queue = new OutboxQueue(app.local());
            int max = Math.max(1, limit);
            List<OutboxEntry> ops = new ArrayList<>();
            if (status == null) {
                ops.addAll(queue.list(OutboxCapture.PENDING, max));
                ops.addAll(queue.list(OutboxCapture.PARKED, max));
                ops.sort(Comparator.comparingLong(OutboxEntry::seq));
                if (ops.size() > max) {
                    ops = new ArrayList<>(ops.subList(0, max));
                }
            } else {
                String wanted = status.strip().toLowerCase(Locale.ROOT);
                if (!List.of(OutboxCapture.PENDING, OutboxCapture.PARKED, OutboxCapture.ACKNOWLEDGED).contains(wanted)) {
                    throw CliException.localized(ExitCodes.BAD_INPUT, "error.offline.status", status);
                }
                ops.addAll(queue.list(wanted, max));
            }
            if (json) {
                ctx.out().println(Json.write(ops.stream().map(Operations::view).toList()));
                return ExitCodes.OK;
            }
            if (ops.isEmpty()) {
                ctx.out().println(Messages.get("offline.operations.none"));
                return ExitCodes.OK;
            }
            TextTable t = new TextTable("SEQ", "OP", "TABLE", "ROW", "KIND", "STATUS", "ATTEMPTS", "CREATED", "LAST ERROR");
            for (OutboxEntry op : ops) {
                t.row(op.seq(), op.opId(), op.tableName(), op.rowId(), op.kind().wireName(), op.status(), op.attempts(),
                        op.createdAt(), op.lastError());
            }
            t.print(ctx.out());
            return ExitCodes.OK;
        }

        static Map<String, Object> view(OutboxEntry op) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", op.seq());
            m.put("op_id", op.opId());
            m.put("table", op.tableName());
            m.put("row_id", op.rowId());
            m.put("kind", op.kind().wireName());
            m.put("changed_fields", op.changedFields());
            m.put("base_version", op.baseVersion());
            m.put("status", op.status());
            m.put("attempts", op.attempts());
            m.put("next_attempt_at", op.nextAttemptAt());
            m.put("last_error", op.lastError());
            m.put("created_at", op.createdAt());
            return m;
        }
    }

    @Command(name = "cleanup", description = {
            "Local retention (OFFLINE_DATA_RETENTION_DAYS): removes acknowledged outbox entries, resolved",
            "conflicts and acknowledged tombstones older than the retention; never anything still queued."})
    static final class Cleanup extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Prontivus app = SyncCli.requireLocal(ctx);
            int days = ctx.config().sync().retentionDays();
            Retention.Report report = app.retention().purge(days);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("retention_days", days);
                m.put("horizon", report.horizon());
                m.put("removed", report.removed());
                m.put("total", report.total());
                ctx.out().println(Json.write(m));
            } else {
                ctx.out().println(Messages.get("offline.cleanup.done", report.total(), days, report.horizon()));
                report.removed().forEach((kind, n) -> ctx.out().println("  " + kind + ": " + n));
            }
            return ExitCodes.OK;
        }
    }
}
