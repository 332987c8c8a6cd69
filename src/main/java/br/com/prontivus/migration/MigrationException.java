package br.com.prontivus.migration;

/**
 * A migration command could not do what was asked. The message is one line meant for a person
 * (an administrator or the front desk): what went wrong, where, and the state the database is in.
 */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(oneLine(message));
    }

    public MigrationException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String message) {
        if (message == null) {
            return "Migration failed";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
