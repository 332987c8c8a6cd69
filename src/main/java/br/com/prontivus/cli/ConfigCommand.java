package br.com.prontivus.cli;

import br.com.prontivus.config.SettingValue;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", description = "Inspect the configuration.", subcommands = ConfigCommand.Show.class)
final class ConfigCommand {

    @Command(name = "show", description = "Effective value and source of every setting (passwords masked).")
    static final class Show extends ContextCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            var settings = ctx.config().effective();
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("mode", ctx.config().mode().name().toLowerCase(java.util.Locale.ROOT));
                Map<String, Object> values = new LinkedHashMap<>();
                for (SettingValue s : settings) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("value", s.value());
                    entry.put("source", s.source().displayName());
                    values.put(s.name(), entry);
                }
                root.put("settings", values);
                ctx.out().println(Json.write(root));
            } else {
                ctx.out().println("mode: " + ctx.config().mode().name().toLowerCase(java.util.Locale.ROOT));
                TextTable table = new TextTable("SETTING", "VALUE", "SOURCE");
                settings.forEach(s -> table.row(s.name(), s.value() == null ? "(unset)" : s.value(),
                        s.source().displayName()));
                table.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }
}
