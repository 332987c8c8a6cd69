package br.com.prontivus.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the sync engine resolves a row changed on both sides (SYNC_CONFLICT_RESOLUTION). */
public enum ConflictStrategy {
    POSTGRESQL_WINS,
    SQLITE_WINS,
    NEWEST_WINS,
    MANUAL;

    /** The configuration spelling, e.g. {@code postgresql_wins}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Comma-separated wire names in declaration order, for messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(ConflictStrategy::wireName).collect(Collectors.joining(", "));
    }

    /**
     * Parses a wire name (case-insensitive, surrounding blanks ignored).
     *
     * @throws InvalidSettingException naming SYNC_CONFLICT_RESOLUTION when the text is not a known strategy
     */
    public static ConflictStrategy parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (ConflictStrategy s : values()) {
                if (s.wireName().equals(t)) {
                    return s;
                }
            }
        }
        throw new InvalidSettingException(
                Setting.SYNC_CONFLICT_RESOLUTION.name(), text, "allowed values are " + wireNames());
    }
}
