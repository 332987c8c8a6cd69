package br.com.prontivus.clinic;

import br.com.prontivus.i18n.Messages;
import java.util.Locale;

/**
 * A request the clinic's rules refuse. The message comes from the resource bundles, so the same
 * refusal reads in Portuguese at a Brazilian desk and in English elsewhere; nothing was written.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.InvalidInput, DomainException.NotFound, DomainException.Conflict,
        DomainException.AuthenticationFailed {

    private final String key;
    private final transient Object[] args;

    protected DomainException(String key, Object... args) {
        super(Messages.get(Locale.ENGLISH, key, args));
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    @Override
    public String getLocalizedMessage() {
        return localized(Locale.getDefault());
    }

    public String localized(Locale locale) {
        return Messages.get(locale, key, args);
    }

    /** Bad or missing input (exit code 2 on the command line). */
    public static final class InvalidInput extends DomainException {
        private final String field;

        public InvalidInput(String field, String key, Object... args) {
            super(key, args);
            this.field = field;
        }

        /** The column the problem is about, so a form can show it beside the right field. */
        public String field() {
            return field;
        }
    }

    /** The row asked for does not exist in this clinic (exit code 3). */
    public static final class NotFound extends DomainException {
        public NotFound(String key, Object... args) {
            super(key, args);
        }
    }

    /** The request clashes with existing data or with the row's state (exit code 4). */
    public static final class Conflict extends DomainException {
        public Conflict(String key, Object... args) {
            super(key, args);
        }
    }

    /** Wrong login or password, or a deactivated user. */
    public static final class AuthenticationFailed extends DomainException {
        public AuthenticationFailed(String key, Object... args) {
            super(key, args);
        }
    }
}
