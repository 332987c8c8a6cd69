package br.com.prontivus.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A health check changed state: raised once per transition, kept in the alert history. */
public record Alert(long id, Instant raisedAt, String source, String check, HealthStatus from, HealthStatus to,
                    Double value, String message) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("raised_at", raisedAt);
        m.put("source", source);
        m.put("check", check);
        m.put("from", from.name());
        m.put("to", to.name());
        m.put("value", value);
        m.put("message", message);
        return m;
    }
}
