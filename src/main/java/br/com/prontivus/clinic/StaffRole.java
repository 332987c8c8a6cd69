package br.com.prontivus.clinic;

import java.util.Locale;

public enum StaffRole {
    RECEPTION, ADMIN;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StaffRole parse(String value) {
        if (value != null) {
            for (StaffRole role : values()) {
                if (role.dbValue().equalsIgnoreCase(value.trim())) {
                    return role;
                }
            }
        }
        throw new DomainException.InvalidInput("role", "error.user.role", value);
    }
}
