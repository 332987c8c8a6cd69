package br.com.prontivus.migration;

import java.util.Objects;

/**
 * Who runs a migration command, recorded in {@code migration_audit}.
 *
 * @param who      OS user or staff login; never blank
 * @param deviceId this desktop's device id, or {@code null} before the device is initialised
 */
public record MigrationActor(String who, String deviceId) {

    public MigrationActor {
        Objects.requireNonNull(who, "who");
        if (who.isBlank()) {
            throw new IllegalArgumentException("who must not be blank");
        }
    }

    /** The OS user of this process, without a device id. */
    public static MigrationActor osUser() {
        String user = System.getProperty("user.name", "");
        return new MigrationActor(user.isBlank() ? "unknown" : user, null);
    }
}
