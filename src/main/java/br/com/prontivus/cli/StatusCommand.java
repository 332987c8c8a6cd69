package br.com.prontivus.cli;

import br.com.prontivus.app.StatusReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Mode, identity, local file, server reachability, schema versions, outbox.")
final class StatusCommand extends ContextCommand {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int run(CliContext ctx) {
        Map<String, Object> report = StatusReport.collect(ctx.app());
        if (json) {
            ctx.out().println(Json.write(report));
        } else {
            print(ctx, "", report);
        }
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    static void print(CliContext ctx, String indent, Map<String, Object> map) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                ctx.out().println(indent + key + ":");
                print(ctx, indent + "  ", (Map<String, Object>) nested);
            } else {
                ctx.out().println(indent + key + ": " + (value == null ? "-" : value));
            }
        });
    }
}
