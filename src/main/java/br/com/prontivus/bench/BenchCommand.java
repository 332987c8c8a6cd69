package br.com.prontivus.bench;

import picocli.CommandLine.Command;

/**
 * {@code prontivus bench}: performance figures of this machine (never touches the user's data).
 * An entry point of its own: the launcher registers it with the command line (cli may not know
 * bench). Each benchmark is its own subcommand class.
 */
@Command(name = "bench", description = "Benchmarks (they never touch your data directory).",
        subcommands = MonitorBenchCommand.class)
public final class BenchCommand {
}
