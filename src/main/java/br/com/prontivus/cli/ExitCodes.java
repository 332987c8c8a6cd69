package br.com.prontivus.cli;

/** The command line's exit codes, for scripts. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;

    private ExitCodes() {
    }
}
