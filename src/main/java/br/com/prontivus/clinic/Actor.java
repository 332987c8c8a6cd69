package br.com.prontivus.clinic;

import java.util.UUID;

/**
 * Who is acting: a logged-in staff user, or the operating-system account behind a command
 * (then {@code userId} is null and {@code name} is e.g. {@code os:maria}).
 */
public record Actor(UUID userId, String name, StaffRole role) {

    public static Actor system(String osUser) {
        return new Actor(null, "os:" + osUser, StaffRole.ADMIN);
    }

    public boolean isAdmin() {
        return role == StaffRole.ADMIN;
    }
}
