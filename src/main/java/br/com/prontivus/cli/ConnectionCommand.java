package br.com.prontivus.cli;

import br.com.prontivus.i18n.Messages;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.LinkState;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "connection", description = "The link to the central server.",
        subcommands = {ConnectionCommand.Status.class})
final class ConnectionCommand {

    @Command(name = "status", description = {
            "Probes the server a few times as the link monitor does: ONLINE, DEGRADED (slower than 500 ms",
            "or failing now and then) or OFFLINE, with the latency. Exit 0 in every state (it is a report)."})
    static final class Status extends ContextCommand {
        @Option(names = "--samples", paramLabel = "N", defaultValue = "3", description = "Probes to run (default 3).")
        int samples;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Map<String, Object> m = new LinkedHashMap<>();
            var target = ctx.config().postgres();
            m.put("server", target.map(t -> t.maskedUrl()).orElse(null));
            if (target.isEmpty()) {
                m.put("state", LinkState.OFFLINE.name());
                m.put("error", Messages.get("sync.no_server"));
            } else {
                // No local file is needed to look at the link: probe with the settings alone.
                ConnectionMonitor monitor = new ConnectionMonitor(() -> switch (
                        br.com.prontivus.app.ServerLink.probe(ctx.config(), target.get())) {
                    case br.com.prontivus.app.ServerLink.Reachability.Reachable r -> r.latency();
                    case br.com.prontivus.app.ServerLink.Reachability.Unreachable u -> throw new java.io.IOException(u.reason());
                });
                ConnectionMonitor.Status s = monitor.checkNow();
                for (int i = 1; i < Math.max(1, samples); i++) {
                    s = monitor.checkNow();
                }
                m.putAll(SyncCli.link(s));
            }
            if (json) {
                ctx.out().println(Json.write(m));
            } else {
                Object latency = m.get("latency_ms");
                ctx.out().println(Messages.get("connection.status", m.get("state"),
                        latency == null ? "-" : latency + " ms", m.get("server") == null ? "-" : m.get("server")));
                if (m.get("error") != null) {
                    ctx.out().println("  " + m.get("error"));
                }
            }
            return ExitCodes.OK;
        }
    }
}
