package br.com.prontivus.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The readings of one source (PostgreSQL, SQLite, system, sync). A reading that could not be
 * taken is absent from {@link #values()} and named in {@link #unavailable()} with its reason, so
 * a missing view or a refused permission shows up as "unavailable: reason", never as an error.
 */
public final class MetricGroup {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    public MetricGroup put(String key, Object value) {
        values.put(key, value);
        unavailable.remove(key);
        return this;
    }

    public MetricGroup unavailable(String key, String reason) {
        values.remove(key);
        unavailable.put(key, reason == null ? "unknown reason" : reason);
        return this;
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public Map<String, String> unavailable() {
        return Collections.unmodifiableMap(unavailable);
    }

    public Optional<Double> number(String key) {
        return values.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<String> reason(String key) {
        return Optional.ofNullable(unavailable.get(key));
    }

    /** Values, then {@code "unavailable": {key: reason}} when some readings are missing. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        if (!unavailable.isEmpty()) {
            m.put("unavailable", new LinkedHashMap<>(unavailable));
        }
        return m;
    }

    /** A one-line reason without the driver's stack of causes. */
    static String reason(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while (message == null && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
