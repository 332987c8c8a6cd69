package br.com.prontivus.clinic;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of an appointment: scheduled → confirmed → checked_in → in_service → completed, or
 * cancelled / no_show on the way. Terminal states never change again.
 */
public enum AppointmentStatus {
    SCHEDULED, CONFIRMED, CHECKED_IN, IN_SERVICE, COMPLETED, CANCELLED, NO_SHOW;

    public Set<AppointmentStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(CONFIRMED, CHECKED_IN, CANCELLED, NO_SHOW);
            case CONFIRMED -> EnumSet.of(CHECKED_IN, CANCELLED, NO_SHOW);
            case CHECKED_IN -> EnumSet.of(IN_SERVICE, CANCELLED);
            case IN_SERVICE -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean canBecome(AppointmentStatus target) {
        return next().contains(target);
    }

    /** Occupies the practitioner's time (cancelled and no-show slots are free again). */
    public boolean isActive() {
        return this != CANCELLED && this != NO_SHOW;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AppointmentStatus parse(String value) {
        for (AppointmentStatus s : values()) {
            if (s.dbValue().equalsIgnoreCase(value == null ? "" : value.strip().replace('-', '_'))) {
                return s;
            }
        }
        throw new DomainException.InvalidInput("status", "error.appointment.status", value);
    }

    public static Set<String> activeDbValues() {
        return Set.of(SCHEDULED.dbValue(), CONFIRMED.dbValue(), CHECKED_IN.dbValue(), IN_SERVICE.dbValue(),
                COMPLETED.dbValue());
    }
}
