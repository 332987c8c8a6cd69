package br.com.prontivus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/** {@code prontivus}: with no command it opens the desktop window. */
@Command(name = "prontivus",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // --help on every subcommand too, not only on the root
        versionProvider = VersionProvider.class,
        description = "Prontivus — offline-first front desk for clinics.%n"
                + "Without a command, opens the desktop window.",
        subcommands = {
                GuiCommand.class,
                InitCommand.class,
                StatusCommand.class,
                ConfigCommand.class,
                PatientsCommand.class,
                PractitionersCommand.class,
                AppointmentsCommand.class,
                UsersCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                MigrateCommand.class,
                BenchCommand.class,
                SyncCommand.class,
                ConflictsCommand.class,
                OfflineCommand.class,
                ConnectionCommand.class,
                ServerCommand.class,
                MonitorCommand.class,
        },
        footer = {"", "Exit codes: 0 ok, 2 bad input or usage, 3 not found, 4 conflict or invalid state, 1 anything else."})
public final class ProntivusCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    private CliContext context;
    private final GuiLauncher guiLauncher;

    /** Opens the desktop window; returns the exit code when it closes. */
    @FunctionalInterface
    interface GuiLauncher {
        int launch(boolean exitWhenReady);
    }

    ProntivusCommand(GuiLauncher guiLauncher) {
        this.guiLauncher = guiLauncher;
    }

    CliContext context() {
        if (context == null) {
            throw new IllegalStateException("No context: the command line was not started through Cli.run");
        }
        return context;
    }

    void context(CliContext context) {
        this.context = context;
    }

    GuiLauncher guiLauncher() {
        return guiLauncher;
    }

    @Override
    public Integer call() {
        return guiLauncher.launch(false);
    }
}
