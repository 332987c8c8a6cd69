package br.com.prontivus.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * Settings that may be given on any command, before or after the subcommand's name. They are
 * the "flag" layer of the configuration (flag > environment > config file > default).
 */
public final class GlobalOptions {

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory (PRONTIVUS_HOME).")
    Path home;

    @Option(names = "--database-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Central PostgreSQL (DATABASE_URL): postgresql://user:pass@host:port/db?sslmode=...")
    String databaseUrl;

    @Option(names = "--sqlite-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Local SQLite file (SQLITE_URL): sqlite:///./file.db or jdbc:sqlite:/path")
    String sqliteUrl;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "LOG_LEVEL: TRACE, DEBUG, INFO, WARN or ERROR.")
    String logLevel;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "DEBUG=true: verbose logs, stack traces on errors.")
    Boolean debug;

    @Option(names = {"-S", "--set"}, scope = ScopeType.INHERIT, paramLabel = "NAME=VALUE",
            description = "Any setting, e.g. --set SYNC_INTERVAL_SECONDS=60 (repeatable).")
    Map<String, String> settings;

    /** Every global option matched anywhere on the command line, as setting name → value. */
    static Map<String, String> collect(ParseResult root) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (ParseResult pr = root; pr != null; pr = pr.subcommand()) {
            for (OptionSpec option : pr.matchedOptions()) {
                Object value = option.getValue();
                switch (option.longestName()) {
                    case "--home" -> flags.put("PRONTIVUS_HOME", String.valueOf(value));
                    case "--database-url" -> flags.put("DATABASE_URL", String.valueOf(value));
                    case "--sqlite-url" -> flags.put("SQLITE_URL", String.valueOf(value));
                    case "--log-level" -> flags.put("LOG_LEVEL", String.valueOf(value));
                    case "--debug" -> flags.put("DEBUG", String.valueOf(value));
                    case "--set" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, String> map = (Map<String, String>) value;
                        map.forEach((k, v) -> flags.put(k.trim().toUpperCase(java.util.Locale.ROOT), v));
                    }
                    default -> {
                        // a command's own option
                    }
                }
            }
        }
        return flags;
    }
}
