package br.com.prontivus.cli;

import java.io.Console;
import java.io.IOException;

/**
 * Reads a password from the terminal without echo, or one line of standard input when it is not
 * a terminal (scripts: {@code echo "$PASS" | prontivus init ...}). Never from a flag, which would
 * land in the shell history and the process list.
 */
final class Passwords {

    private Passwords() {
    }

    static char[] read(CliContext ctx, String prompt, boolean confirm) {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] first = console.readPassword("%s: ", prompt);
            if (first == null) {
                throw CliException.badInput("no password given");
            }
            if (confirm) {
                char[] second = console.readPassword("%s (again): ", prompt);
                if (second == null || !java.util.Arrays.equals(first, second)) {
                    throw CliException.badInput("the two passwords differ");
                }
            }
            return first;
        }
        try {
            String line = ctx.in().readLine();
            if (line == null || line.isEmpty()) {
                throw CliException.badInput("no password on standard input (" + prompt + ")");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw CliException.badInput("cannot read the password from standard input: " + e.getMessage());
        }
    }
}
