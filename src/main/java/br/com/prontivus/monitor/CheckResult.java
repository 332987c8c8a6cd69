package br.com.prontivus.monitor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One health check's verdict: its stable name ({@code connection}, {@code performance},
 * {@code disk}, {@code memory}, {@code sync}), the state, the reading it was judged on (null
 * when there was none) and a sentence for people, in the user's language.
 */
public record CheckResult(String check, HealthStatus status, Double value, String message) {

    public static final String CONNECTION = "connection";
    public static final String PERFORMANCE = "performance";
    public static final String DISK = "disk";
    public static final String MEMORY = "memory";
    public static final String SYNC = "sync";

    /** The check's name for people ("Conexão"). */
    public String title(Locale locale) {
        return br.com.prontivus.i18n.Messages.get(locale, "monitor.check." + check);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", check);
        m.put("status", status.name());
        m.put("value", value);
        m.put("message", message);
        return m;
    }
}
