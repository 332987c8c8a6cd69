package br.com.prontivus.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The one JSON form of row values that both sides hash: keys sorted, UUIDs and dates as ISO
 * strings, instants in UTC with millisecond precision. Two devices that hold the same row produce
 * the same bytes, so checksums can be compared across SQLite and PostgreSQL.
 */
public final class CanonicalJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {
    }

    /** A database value in its canonical JSON-ready form. */
    public static Object canonical(Object value) {
        return switch (value) {
            case null -> null;
            case UUID u -> u.toString();
            case Instant i -> Instant.ofEpochMilli(i.toEpochMilli()).toString();
            case java.time.OffsetDateTime o -> Instant.ofEpochMilli(o.toInstant().toEpochMilli()).toString();
            case LocalDate d -> d.toString();
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Long l -> l;
            case String s -> s;
            default -> value.toString();
        };
    }

    public static Map<String, Object> canonicalRow(Map<String, ?> row) {
        Map<String, Object> out = new TreeMap<>();
        row.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    public static String write(Object value) {
        try {
            // A TreeMap in natural order (canonicalRow's) is already sorted: no copy needed.
            boolean sorted = value instanceof TreeMap<?, ?> t && t.comparator() == null;
            return MAPPER.writeValueAsString(value instanceof Map<?, ?> m && !sorted ? new TreeMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + value, e);
        }
    }

    /**
     * {@code write(canonicalRow(row))} without the intermediate TreeMap and Jackson: the same bytes,
     * written straight into a StringBuilder. The outbox serialises two rows per imported patient, and
     * Jackson's generic path (map copy, serializer lookup per value, writer) was about a tenth of the
     * import's CPU. Keys are sorted by {@link String#compareTo} as the TreeMap sorts them; values
     * take their {@link #canonical} form (null, string, boolean or long only); strings are escaped
     * as Jackson's default generator escapes them ({@link #appendString}). CanonicalJsonTest checks
     * the bytes against {@code write(canonicalRow(…))}.
     */
    public static String writeRow(Map<String, ?> row) {
        String[] keys = row.keySet().toArray(new String[0]);
        if (!(row instanceof TreeMap<?, ?> t && t.comparator() == null)) {
            java.util.Arrays.sort(keys);
        }
        StringBuilder out = new StringBuilder(32 + keys.length * 32);
        out.append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, keys[i]);
            out.append(':');
            appendValue(out, canonical(row.get(keys[i])));
        }
        return out.append('}').toString();
    }

    /** {@code write(strings)} for a list of strings (changed fields), the same bytes without Jackson. */
    public static String writeStrings(java.util.Collection<String> strings) {
        StringBuilder out = new StringBuilder(16 + strings.size() * 16);
        appendStrings(out, strings);
        return out.toString();
    }

    static void appendStrings(StringBuilder out, java.util.Collection<String> strings) {
        out.append('[');
        boolean first = true;
        for (String s : strings) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendValue(out, s);
        }
        out.append(']');
    }

    /** A canonical value (see {@link #canonical}): null, a string, a boolean or a long. */
    static void appendValue(StringBuilder out, Object canonicalValue) {
        switch (canonicalValue) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Long l -> out.append(l.longValue());
            default -> throw new IllegalArgumentException("Not a canonical value: " + canonicalValue.getClass());
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * A JSON string exactly as Jackson's default generator writes it: {@code "} and {@code \}
     * backslash-escaped; {@code \b \t \n \f \r} by their short escapes; the other control
     * characters below U+0020 as a backslash, "u00" and two upper-case hex digits; everything else, non-ASCII
     * included, as is.
     */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, from, n).append('"');
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Long> readVersions(String json) {
        Map<String, Long> versions = new LinkedHashMap<>();
        read(json == null || json.isBlank() ? "{}" : json).properties()
                .forEach(e -> versions.put(e.getKey(), e.getValue().asLong()));
        return versions;
    }

    /** One digest per thread: looking the algorithm up costs as much as hashing a row (digest() resets it). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    public static String sha256(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
