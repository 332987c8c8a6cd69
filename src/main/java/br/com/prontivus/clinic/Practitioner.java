package br.com.prontivus.clinic;

import java.util.UUID;

public record Practitioner(UUID id, UUID clinicId, String fullName, String specialty, String councilRegistration,
                           boolean active, Long rowVersion) {
}
