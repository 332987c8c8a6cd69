package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.i18n.Messages;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.LinkState;
import br.com.prontivus.sync.SyncEngine;
import br.com.prontivus.sync.SyncObserver;
import br.com.prontivus.sync.SyncRefusedException;
import br.com.prontivus.sync.SyncStatus;
import br.com.prontivus.sync.SyncVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", description = "Synchronisation of this desktop with the central server.",
        subcommands = {SyncCommand.Now.class, SyncCommand.Status.class, SyncCommand.Verify.class})
final class SyncCommand {

    /** Rows pulled before progress lines start (a normal cycle stays quiet). */
    static final int PROGRESS_FROM = 1_000;

    /** Progress of a long pull on stderr: rows so far and the cursor reached. */
    static SyncObserver progress(CliContext ctx, int from) {
        return new SyncObserver() {
            @Override
            public void pulled(int rows, long cursor) {
                if (rows >= from) {
                    ctx.err().println(Messages.get("sync.progress", rows, cursor));
                    ctx.err().flush();
                }
            }
        };
    }

    @Command(name = "now", description = {
            "Runs one sync cycle: handshake, push the queue, pull what others changed.",
            "Exit 0 when it worked; 1 when the server is unreachable or the cycle failed (the queue is",
            "kept and retried later); 4 when sync is refused (e.g. incompatible schema)."})
    static final class Now extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            SyncEngine engine = SyncCli.engine(ctx);
            engine.observer(progress(ctx, PROGRESS_FROM));
            SyncEngine.Report report;
            try {
                report = engine.syncNow();
            } catch (SyncRefusedException e) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ok", false);
                    m.put("refused", true);
                    m.put("error", e.getMessage());
                    m.put("pending", ctx.app().syncStatus().pending());
                    ctx.out().println(Json.write(m));
                }
                throw new CliException(ExitCodes.CONFLICT, Messages.get("error.sync.refused", e.getMessage()));
            } finally {
                engine.observer(SyncObserver.NONE);
            }
            if (json) {
                ctx.out().println(Json.write(SyncCli.report(report)));
            } else if (report.ok()) {
                ctx.out().println(Messages.get("sync.now.done", report.pushed(), report.alreadyApplied(),
                        report.parked(), report.conflicts(), report.pulled(), report.cursor()));
                if (report.rebootstrapped()) {
                    ctx.out().println(Messages.get("sync.now.rebootstrapped"));
                }
            }
            if (!report.ok()) {
                ctx.err().println("prontivus: " + Messages.get("error.sync.failed", report.error(),
                        ctx.app().syncStatus().pending()));
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = {
            "Link state (one probe), last push, pull and success times, last error, queue, open conflicts,",
            "pull cursor and the server schema seen at the last handshake."})
    static final class Status extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Prontivus app = SyncCli.requireLocal(ctx);
            Map<String, Object> m = collect(app, ctx.config().postgres().isPresent());
            if (json) {
                ctx.out().println(Json.write(m));
            } else {
                StatusCommand.print(ctx, "", m);
            }
            return ExitCodes.OK;
        }

        static Map<String, Object> collect(Prontivus app, boolean serverConfigured) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (serverConfigured) {
                m.put("link", SyncCli.link(SyncCli.probe(app, 2))); // the first probe pays for class loading
            } else {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("state", LinkState.OFFLINE.name());
                link.put("error", Messages.get("sync.no_server"));
                m.put("link", link);
            }
            SyncStatus s = app.syncStatus();
            m.put("last_push_at", s.lastPushAt());
            m.put("last_pull_at", s.lastPullAt());
            m.put("last_success_at", s.lastSuccessAt());
            m.put("last_error", s.lastError());
            m.put("last_error_at", s.lastErrorAt());
            m.put("pending", s.pending());
            m.put("parked", s.parked());
            m.put("oldest_pending_at", s.oldestPending());
            m.put("open_conflicts", s.openConflicts());
            m.put("cursor", s.cursor());
            m.put("server_schema", s.serverSchema());
            return m;
        }
    }

    @Command(name = "verify", description = {
            "Compares a SHA-256 digest of this clinic's rows per table here and on the server (rows with",
            "local changes still queued, and rows changed on the server after the last pull, are left out).",
            "--repair pulls the whole clinic again, keeping queued local changes, and verifies again.",
            "Exit 0 when every table matches (after the repair, if asked), 4 when they diverge."})
    static final class Verify extends ContextCommand {
        @Option(names = "--repair", description = "Re-pull and reconcile when a table diverges, then verify again.")
        boolean repair;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            SyncEngine engine = SyncCli.engine(ctx);
            SyncVerifier verifier = ctx.app().syncVerifier().orElseThrow();
            SyncVerifier.Result before = verifier.verify();
            SyncVerifier.Result after = null;
            SyncEngine.Report repairReport = null;
            if (!json) {
                print(ctx, before);
            }
            if (!before.allMatch() && repair) {
                if (!json) {
                    ctx.out().println(Messages.get("sync.verify.repairing", String.join(", ", before.divergent())));
                }
                engine.observer(progress(ctx, PROGRESS_FROM));
                try {
                    repairReport = engine.repull();
                } finally {
                    engine.observer(SyncObserver.NONE);
                }
                after = verifier.verify();
                if (!json) {
                    print(ctx, after);
                }
            }
            SyncVerifier.Result last = after == null ? before : after;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("match", last.allMatch());
                m.put("cursor", last.cursor());
                m.put("tables", tables(before));
                m.put("repaired", after != null && after.allMatch());
                if (after != null) {
                    m.put("repair", SyncCli.report(repairReport));
                    m.put("after", tables(after));
                }
                ctx.out().println(Json.write(m));
            } else if (last.allMatch()) {
                ctx.out().println(Messages.get(after == null ? "sync.verify.match" : "sync.verify.repaired"));
            }
            if (!last.allMatch()) {
                ctx.err().println("prontivus: " + Messages.get(repair ? "error.sync.still_divergent"
                        : "error.sync.divergent", String.join(", ", last.divergent())));
                return ExitCodes.CONFLICT;
            }
            return ExitCodes.OK;
        }

        private static void print(CliContext ctx, SyncVerifier.Result result) {
            TextTable table = new TextTable("TABLE", "LOCAL", "SERVER", "SKIPPED", "MATCH", "LOCAL DIGEST", "SERVER DIGEST");
            for (SyncVerifier.TableCheck t : result.tables()) {
                table.row(t.table(), t.localRows(), t.serverRows(), t.skipped(), t.match() ? "yes" : "NO",
                        t.localDigest().substring(0, 16), t.serverDigest().substring(0, 16));
            }
            table.print(ctx.out());
            for (SyncVerifier.TableCheck t : result.tables()) {
                if (!t.match()) {
                    if (!t.onlyLocal().isEmpty()) {
                        ctx.out().println("  " + t.table() + " " + Messages.get("sync.verify.only_local") + ": " + t.onlyLocal());
                    }
                    if (!t.onlyServer().isEmpty()) {
                        ctx.out().println("  " + t.table() + " " + Messages.get("sync.verify.only_server") + ": " + t.onlyServer());
                    }
                    if (!t.different().isEmpty()) {
                        ctx.out().println("  " + t.table() + " " + Messages.get("sync.verify.different") + ": " + t.different());
                    }
                }
            }
        }

        private static List<Map<String, Object>> tables(SyncVerifier.Result result) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (SyncVerifier.TableCheck t : result.tables()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", t.table());
                m.put("local_rows", t.localRows());
                m.put("local_digest", t.localDigest());
                m.put("server_rows", t.serverRows());
                m.put("server_digest", t.serverDigest());
                m.put("skipped", t.skipped());
                m.put("match", t.match());
                m.put("only_local", t.onlyLocal());
                m.put("only_server", t.onlyServer());
                m.put("different", t.different());
                list.add(m);
            }
            return list;
        }
    }
}
