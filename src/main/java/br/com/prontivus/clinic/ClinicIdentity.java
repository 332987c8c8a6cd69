package br.com.prontivus.clinic;

import java.util.UUID;

/** Which clinic this installation belongs to and which device it is. */
public record ClinicIdentity(UUID clinicId, UUID deviceId) {
}
