package br.com.prontivus.cli;

import picocli.CommandLine.Command;

@Command(name = "gui", description = "Open the desktop window (the default).")
final class GuiCommand extends ContextCommand {
    @Override
    protected int run(CliContext ctx) {
        ((ProntivusCommand) spec.root().userObject()).guiLauncher().run();
        return ExitCodes.OK;
    }
}
