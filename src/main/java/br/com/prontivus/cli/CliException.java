package br.com.prontivus.cli;

/** A refusal decided by the command line itself (bad file, unreadable password…), with its exit code. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }

    /** A refusal whose text comes from the resource bundles (English or Brazilian Portuguese). */
    public static CliException localized(int exitCode, String key, Object... args) {
        return new CliException(exitCode, br.com.prontivus.i18n.Messages.get(key, args));
    }

    public static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }
}
