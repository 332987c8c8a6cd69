package br.com.prontivus.config;

/**
 * A configuration value that cannot be used. The message is always a single line of the form
 * {@code Invalid setting NAME='value': <allowed>}, where the value is already masked (passwords never
 * appear) and {@code allowed} is a human phrase such as {@code allowed values are a, b, c} or
 * {@code expected an integer >= 1}. The launcher prints it and exits with code 2.
 */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String allowed;

    /**
     * @param setting the setting name, e.g. {@code DB_POOL_SIZE}
     * @param maskedValue the offending value, ALREADY masked by the caller (may be null when the value is missing)
     * @param allowed what would have been accepted, e.g. {@code allowed values are true, false}
     */
    public InvalidSettingException(String setting, String maskedValue, String allowed) {
        this(setting, maskedValue, allowed, null);
    }

    public InvalidSettingException(String setting, String maskedValue, String allowed, Throwable cause) {
        super(format(setting, maskedValue, allowed), cause);
        this.setting = setting;
        this.value = maskedValue;
        this.allowed = allowed;
    }

    /** The setting name, e.g. {@code SYNC_CONFLICT_RESOLUTION}. */
    public String setting() {
        return setting;
    }

    /** The offending value with any password replaced by {@code ****}; may be null. */
    public String value() {
        return value;
    }

    /** The phrase describing what is accepted, e.g. {@code allowed values are manual, newest_wins}. */
    public String allowed() {
        return allowed;
    }

    private static String format(String setting, String value, String allowed) {
        return oneLine("Invalid setting " + setting + "='" + (value == null ? "" : value) + "': " + allowed);
    }

    /** Control characters (newlines from a hostile or sloppy value) would break the one-line contract. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return b.toString();
    }
}
