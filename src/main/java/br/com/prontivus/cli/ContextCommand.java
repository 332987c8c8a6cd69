package br.com.prontivus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command that does work: reaches the run's {@link CliContext} through the root. */
abstract class ContextCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected CliContext ctx() {
        return ((ProntivusCommand) spec.root().userObject()).context();
    }

    @Override
    public final Integer call() throws Exception {
        return run(ctx());
    }

    /** Does the command's work; returns the exit code (0 when all went well). */
    protected abstract int run(CliContext ctx) throws Exception;
}
