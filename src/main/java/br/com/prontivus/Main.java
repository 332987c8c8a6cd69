package br.com.prontivus;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.cli.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The launcher. It does not extend {@code Application} and loads no JavaFX class until the
 * desktop is asked for, so {@code --help}, {@code --version} and every command run without a display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Cli cli = new Cli(System.getenv(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                config -> Prontivus.open(config, Prontivus.Options.defaults(System.getProperty("user.name"))),
                DesktopLauncher::launch,
                java.util.List.of(br.com.prontivus.bench.BenchCommand.class));
        // The desktop window, when asked for, runs inside cli.run until it is closed.
        System.exit(cli.run(args));
    }
}
