package br.com.prontivus.clinic;

import java.util.UUID;

/** A person who logs in at the front desk. The password hash never leaves the service. */
public record StaffUser(UUID id, UUID clinicId, String login, String fullName, StaffRole role, boolean active,
                        Long rowVersion) {

    public Actor asActor() {
        return new Actor(id, login, role);
    }
}
