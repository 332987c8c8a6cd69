package br.com.prontivus.sync;

import java.util.Locale;
import java.util.UUID;

/** The PostgreSQL NOTIFY channel on which a clinic's pushes are announced. */
public final class ChangeNotifications {

    private ChangeNotifications() {
    }

    public static String channel(UUID clinicId) {
        return "prontivus_" + clinicId.toString().replace("-", "").toLowerCase(Locale.ROOT);
    }
}
