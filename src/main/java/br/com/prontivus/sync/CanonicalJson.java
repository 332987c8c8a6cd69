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
