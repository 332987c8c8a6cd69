package br.com.prontivus.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every configuration setting the application understands, with its default, whether it is a secret, what is
 * allowed, and a parser from text to its typed value.
 *
 * <p>Typed values produced by {@link #parse(String)}: booleans → {@link Boolean}; numbers → {@link Integer};
 * POSTGRES_SSL_MODE, POSTGRES_HOST/DB/USER/PASSWORD, DATABASE_URL → {@link String}; LOG_LEVEL → upper-case
 * {@link String}; SYNC_CONFLICT_RESOLUTION → {@link ConflictStrategy}; PRONTIVUS_HOME → {@link Path} (as given,
 * possibly relative); SQLITE_URL → {@link Path} (possibly relative: relative paths are resolved against the
 * DATA DIRECTORY by {@link ConfigLoader}, never against the working directory).
 */
public enum Setting {
    /** Data directory. Default: the per-user application data folder of the OS (see {@link DataDirectories}). */
    PRONTIVUS_HOME(null, false, "expected a directory path", Setting::parseDirectory),
    USE_SQLITE("true", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    USE_DATABASE("true", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    DATABASE_URL(null, false, PostgresTarget.URL_FORMS, Setting::parseDatabaseUrl),
    POSTGRES_HOST(null, false, "expected a host name or IP address", Setting::parseHost),
    POSTGRES_PORT("5432", false, intRange(1, 65535), raw -> parseInt(raw, 1, 65535)),
    POSTGRES_DB("prontivus", false, "expected a non-empty database name", Setting::parseName),
    POSTGRES_USER("prontivus", false, "expected a non-empty user name", Setting::parseName),
    POSTGRES_PASSWORD(null, true, "expected a non-empty password", raw -> raw),
    POSTGRES_SSL_MODE("prefer", false, "allowed values are " + String.join(", ", PostgresTarget.SSL_MODES),
            raw -> parseChoice(raw, PostgresTarget.SSL_MODES, false)),
    DB_POOL_SIZE("20", false, atLeast(1), raw -> parseInt(raw, 1, Integer.MAX_VALUE)),
    DB_MAX_OVERFLOW("30", false, atLeast(0), raw -> parseInt(raw, 0, Integer.MAX_VALUE)),
    /** Seconds to wait for a pooled connection. */
    DB_POOL_TIMEOUT("30", false, atLeast(1), raw -> parseInt(raw, 1, Integer.MAX_VALUE)),
    /** Maximum connection lifetime in seconds. */
    DB_POOL_RECYCLE("3600", false, atLeast(30), raw -> parseInt(raw, 30, Integer.MAX_VALUE)),
    SYNC_ENABLED("true", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    SYNC_INTERVAL_SECONDS("300", false, atLeast(1),
            raw -> parseInt(raw, 1, Integer.MAX_VALUE)),
    SYNC_CONFLICT_RESOLUTION("postgresql_wins", false, "allowed values are " + ConflictStrategy.wireNames(),
            ConflictStrategy::parse),
    SYNC_RETRY_ATTEMPTS("3", false, intRange(0, 100), raw -> parseInt(raw, 0, 100)),
    OFFLINE_MODE_ENABLED("true", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    OFFLINE_DATA_RETENTION_DAYS("30", false, atLeast(1),
            raw -> parseInt(raw, 1, Integer.MAX_VALUE)),
    OFFLINE_SYNC_ON_STARTUP("true", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    /** Default: the file {@code prontivus.db} in the data directory. */
    SQLITE_URL(null, false,
            "expected sqlite:///relative/file.db (relative to the data directory), sqlite:////absolute/file.db"
                    + " or jdbc:sqlite:/path/to/file.db",
            Setting::parseSqliteUrl),
    DEBUG("false", false, Setting.BOOLEAN_ALLOWED, Setting::parseBoolean),
    LOG_LEVEL("INFO", false, "allowed values are " + String.join(", ", Levels.ALL),
            raw -> parseChoice(raw, Levels.ALL, true));

    private static final String BOOLEAN_ALLOWED = "allowed values are true, false, 1, 0, yes, no";

    /** Accepted LOG_LEVEL values (input is case-insensitive). */
    public static final List<String> LOG_LEVELS = Levels.ALL;

    // A holder class, because enum constants are constructed before the enum's own non-constant statics.
    private static final class Levels {
        static final List<String> ALL = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    }

    private final String defaultValue;
    private final boolean secret;
    private final String allowed;
    private final Function<String, Object> parser;

    Setting(String defaultValue, boolean secret, String allowed, Function<String, Object> parser) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.allowed = allowed;
        this.parser = parser;
    }

    /**
     * The fixed default as text; empty for settings that are unset by default (DATABASE_URL, POSTGRES_HOST,
     * POSTGRES_PASSWORD) and for the two computed defaults (PRONTIVUS_HOME, SQLITE_URL), which
     * {@link ConfigLoader} derives from the OS and the data directory.
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** True when the value must never be shown (POSTGRES_PASSWORD). */
    public boolean secret() {
        return secret;
    }

    /** The phrase used in error messages, e.g. {@code allowed values are true, false, 1, 0, yes, no}. */
    public String allowed() {
        return allowed;
    }

    /**
     * Converts text to the typed value (see the class comment for the types). Surrounding blanks are ignored,
     * except for the password, which is used verbatim.
     *
     * @throws InvalidSettingException naming this setting, with the value masked
     */
    public Object parse(String raw) {
        if (raw == null) {
            throw invalid(null);
        }
        String text = secret ? raw : raw.strip();
        if (text.isEmpty()) {
            throw invalid(raw);
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            // Parsers signal "not acceptable" with IllegalArgumentException (incl. InvalidPathException and
            // NumberFormatException); InvalidSettingException from richer parsers passes through unchanged.
            throw new InvalidSettingException(name(), mask(raw), allowed, e);
        }
    }

    /** The value as it may be shown: {@code ****} for secrets, URLs with their password masked. */
    public String mask(String raw) {
        if (raw == null) {
            return null;
        }
        if (secret) {
            return Masking.MASK;
        }
        return Masking.maskUrl(raw);
    }

    /** Finds a setting by exact name. */
    public static Optional<Setting> byName(String name) {
        for (Setting s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    InvalidSettingException invalid(String raw) {
        return new InvalidSettingException(name(), mask(raw), allowed);
    }

    // ---- parsers: throw IllegalArgumentException for bad input; parse() turns it into the one-line message ----

    private static String atLeast(int min) {
        return "expected an integer >= " + min;
    }

    private static String intRange(int min, int max) {
        return "expected an integer from " + min + " to " + max;
    }

    private static Object parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Object parseInt(String raw, int min, int max) {
        if (!raw.matches("[+-]?[0-9]{1,10}")) {
            throw new IllegalArgumentException("not an integer");
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return (int) value;
    }

    private static Object parseChoice(String raw, List<String> choices, boolean upper) {
        String normal = upper ? raw.toUpperCase(Locale.ROOT) : raw.toLowerCase(Locale.ROOT);
        if (!choices.contains(normal)) {
            throw new IllegalArgumentException("not one of " + choices);
        }
        return normal;
    }

    private static Object parseName(String raw) {
        if (raw.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control character in name");
        }
        return raw;
    }

    private static Object parseHost(String raw) {
        String host = raw;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!PostgresTarget.validHost(host)) {
            throw new IllegalArgumentException("not a host name");
        }
        return host;
    }

    private static Object parseDatabaseUrl(String raw) {
        PostgresTarget.parse(raw, PostgresTarget.Defaults.STANDARD); // validation only; ConfigLoader re-parses
        return raw;
    }

    private static Object parseDirectory(String raw) {
        return Path.of(raw); // InvalidPathException is an IllegalArgumentException
    }

    /*
     * SQLITE_URL forms:
     *   sqlite:///./file.db, sqlite:///file.db  SQLAlchemy style, three slashes + RELATIVE path. Unlike SQLAlchemy
     *                                           (which uses the process working directory), we resolve it against
     *                                           the DATA DIRECTORY, because a desktop app's cwd is arbitrary.
     *   sqlite:////abs/path.db                  four slashes = absolute path (also sqlite:///C:/x.db on Windows).
     *   jdbc:sqlite:/abs/path.db                absolute; jdbc:sqlite:relative.db is again relative to the data
     *                                           directory.
     * In-memory databases, file: URIs and query parameters are refused: the app needs a real file.
     */
    private static Object parseSqliteUrl(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        String path;
        if (lower.startsWith("sqlite:///")) {
            path = raw.substring("sqlite:///".length());
        } else if (lower.startsWith("jdbc:sqlite:")) {
            path = raw.substring("jdbc:sqlite:".length());
        } else {
            throw new IllegalArgumentException("unknown scheme");
        }
        if (path.isBlank() || path.contains("?") || path.contains(":memory:") || path.startsWith("file:")
                || path.endsWith("/") || path.endsWith("\\")) {
            throw new IllegalArgumentException("not a file path");
        }
        Path p = Path.of(path).normalize();
        if (p.getFileName() == null || p.toString().isEmpty() || p.getFileName().toString().equals("..")) {
            throw new IllegalArgumentException("not a file path");
        }
        return p;
    }
}
