package br.com.prontivus.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;

/** Converts canonical JSON values back to the Java type of a column, and compares values canonically. */
public final class Values {

    private Values() {
    }

    public static Object fromJson(Field<?> field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Class<?> type = field.getType();
        if (type == UUID.class) {
            return UUID.fromString(node.asText());
        } else if (type == LocalDate.class) {
            return LocalDate.parse(node.asText());
        } else if (type == Instant.class) {
            return Instant.parse(node.asText());
        } else if (type == Integer.class) {
            return node.asInt();
        } else if (type == Long.class) {
            return node.asLong();
        } else if (type == Boolean.class) {
            return node.isBoolean() ? node.asBoolean() : node.asInt() != 0;
        } else if (type == String.class) {
            return node.asText();
        }
        throw new IllegalArgumentException("Unsupported column type " + type + " for " + field);
    }

    /** Equal as the sync protocol sees it: same canonical JSON value. */
    public static boolean same(Object a, Object b) {
        return Objects.equals(CanonicalJson.canonical(a), CanonicalJson.canonical(b));
    }
}
