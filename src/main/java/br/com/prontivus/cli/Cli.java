package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.config.LoggingSetup;
import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs one command line: parses it, resolves the configuration (flags beat the environment),
 * configures logging, runs the command and maps any failure to one line and an exit code.
 * Everything it touches comes in as arguments, so tests run it in-process.
 */
public final class Cli {

    private final Map<String, String> environment;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Function<AppConfig, Prontivus> opener;
    private final Gui gui;

    /** Opens the desktop window and returns, with the run's exit code, when it is closed. */
    @FunctionalInterface
    public interface Gui {
        /**
         * @param exitWhenReady close as soon as the login (or first-run) screen is ready: the
         *     installer's training run and a smoke test of an installed app
         */
        int open(AppConfig config, boolean exitWhenReady);
    }

    public Cli(Map<String, String> environment, BufferedReader in, PrintWriter out, PrintWriter err,
               Function<AppConfig, Prontivus> opener, Gui gui) {
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
        this.opener = opener;
        this.gui = gui;
    }

    public int run(String... args) {
        if (args.length == 0) {
            return runDesktop();
        }
        AppConfig[] resolved = new AppConfig[1];
        ProntivusCommand root = new ProntivusCommand(exitWhenReady -> gui.open(resolved[0], exitWhenReady));
        CommandLine cl = new CommandLine(root);
        cl.setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args2) -> {
                    // One line and a hint, not the whole usage text: scripts read stderr too.
                    err.println("prontivus: " + e.getMessage());
                    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
                    return ExitCodes.BAD_INPUT;
                })
                .setExecutionStrategy(parseResult -> execute(parseResult, root, resolved))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReporter.report(e, err,
                        resolved[0] != null && resolved[0].debug()));
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int execute(ParseResult parseResult, ProntivusCommand root, AppConfig[] resolved) {
        if (CommandLine.printHelpIfRequested(parseResult)) {
            return ExitCodes.OK; // --help and --version never load settings, databases or JavaFX
        }
        AppConfig config;
        try {
            config = ConfigLoader.load(GlobalOptions.collect(parseResult), environment);
        } catch (RuntimeException e) {
            return ErrorReporter.report(e, err, false);
        }
        resolved[0] = config;
        configureLogging(config,
                !parseResult.hasSubcommand() || "gui".equals(parseResult.subcommand().commandSpec().name()));
        try (CliContext context = new CliContext(config, opener, out, err, in,
                environment.getOrDefault("USER", System.getProperty("user.name", "unknown")))) {
            root.context(context);
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    /**
     * No arguments: the desktop, with the settings of the environment and the config file. Picocli's
     * model of every command is not built for it: that alone took a third of a second of the cold
     * start (docs/PERFORMANCE.md, "Desktop"). Same outcome as {@code prontivus gui}.
     */
    private int runDesktop() {
        AppConfig config;
        try {
            config = ConfigLoader.load(Map.of(), environment);
        } catch (RuntimeException e) {
            return ErrorReporter.report(e, err, false);
        }
        configureLogging(config, true);
        try {
            return gui.open(config, false);
        } catch (RuntimeException e) {
            return ErrorReporter.report(e, err, config.debug());
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Logs go to the data directory's file. A command's stderr carries only its own one-line
     * messages (ErrorReporter): a console appender would add the logged error again, with its
     * stack trace. The console shows logs for the desktop window, and for any command with DEBUG.
     */
    private static void configureLogging(AppConfig config, boolean guiRun) {
        Level console = config.debug() ? Level.DEBUG : guiRun ? Level.INFO : Level.WARN;
        boolean toConsole = guiRun || config.debug();
        try {
            LoggingSetup.configure(config.dataDirectory().resolve("logs"), config.logLevel(), toConsole, console);
        } catch (RuntimeException e) {
            // A read-only data directory must not stop a command that only reads; say it once.
            System.err.println("prontivus: logging to the data directory is unavailable: " + e.getMessage());
        }
    }
}
