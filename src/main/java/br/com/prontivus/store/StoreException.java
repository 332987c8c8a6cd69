package br.com.prontivus.store;

/**
 * A database could not do what was asked for a reason the user can act on. The message is one
 * line meant for people; the cause keeps the technical detail for the log.
 */
public sealed class StoreException extends RuntimeException
        permits StoreException.Corrupt, StoreException.Locked, StoreException.Unavailable {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The local file is damaged or is not a SQLite database; it was left untouched. */
    public static final class Corrupt extends StoreException {
        public Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Another process holds the lock on the local file longer than we are willing to wait. */
    public static final class Locked extends StoreException {
        public Locked(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server cannot be reached, refused the login or went away. */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
