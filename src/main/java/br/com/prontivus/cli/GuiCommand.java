package br.com.prontivus.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", description = "Open the desktop window (the default).")
final class GuiCommand extends ContextCommand {

    @Option(names = "--exit-when-ready", description = "Close as soon as the login (or first-run) screen is ready and"
            + " exit 0; exit 1 if it is not ready within a minute. For the installer's training run and for smoke"
            + " tests of an installed app.")
    boolean exitWhenReady;

    @Override
    protected int run(CliContext ctx) {
        return ((ProntivusCommand) spec.root().userObject()).guiLauncher().launch(exitWhenReady);
    }
}
