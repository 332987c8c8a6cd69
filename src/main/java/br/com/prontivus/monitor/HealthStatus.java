package br.com.prontivus.monitor;

import br.com.prontivus.i18n.Messages;
import java.util.Locale;

/** The state of one health check; ordered from best to worst. */
public enum HealthStatus {
    OK, WARN, CRITICAL;

    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The word a person reads (OK / Atenção / Crítico). */
    public String label(Locale locale) {
        return Messages.get(locale, "monitor.status." + name().toLowerCase(Locale.ROOT));
    }
}
