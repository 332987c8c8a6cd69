package br.com.prontivus.clinic;

import java.time.Instant;
import java.util.UUID;

public record Appointment(UUID id, UUID clinicId, UUID patientId, UUID practitionerId, Instant startsAt,
                          Instant endsAt, int durationMinutes, String type, AppointmentStatus status, String notes,
                          Instant scheduledAt, Instant confirmedAt, Instant checkedInAt, Instant inServiceAt,
                          Instant completedAt, Instant cancelledAt, Instant noShowAt, Long rowVersion) {
}
