package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.config.LoggingSetup;
import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
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
    private final Consumer<AppConfig> gui;
    private final java.util.List<Class<?>> extraCommands;

    public Cli(Map<String, String> environment, BufferedReader in, PrintWriter out, PrintWriter err,
               Function<AppConfig, Prontivus> opener, Consumer<AppConfig> gui) {
        this(environment, in, out, err, opener, gui, java.util.List.of());
    }

    /**
     * With top-level commands from other entry points (e.g. {@code bench}), which this package may
     * not know (LayeringTest): the launcher hands their picocli classes in. They print to the
     * command line's out/err ({@code spec.commandLine().getOut()}) and fail like any command.
     */
    public Cli(Map<String, String> environment, BufferedReader in, PrintWriter out, PrintWriter err,
               Function<AppConfig, Prontivus> opener, Consumer<AppConfig> gui, java.util.List<Class<?>> extraCommands) {
        this.extraCommands = java.util.List.copyOf(extraCommands);
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
        this.opener = opener;
        this.gui = gui;
    }

    public int run(String... args) {
        AppConfig[] resolved = new AppConfig[1];
        ProntivusCommand root = new ProntivusCommand(() -> gui.accept(resolved[0]));
        CommandLine cl = new CommandLine(root);
        extraCommands.forEach(cl::addSubcommand);
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
        configureLogging(config, parseResult);
        try (CliContext context = new CliContext(config, opener, out, err, in,
                environment.getOrDefault("USER", System.getProperty("user.name", "unknown")))) {
            root.context(context);
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    /**
     * Logs go to the data directory's file. A command's stderr carries only its own one-line
     * messages (ErrorReporter): a console appender would add the logged error again, with its
     * stack trace. The console shows logs for the desktop window, and for any command with DEBUG.
     */
    private static void configureLogging(AppConfig config, ParseResult parseResult) {
        boolean guiRun = !parseResult.hasSubcommand() || "gui".equals(parseResult.subcommand().commandSpec().name());
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
