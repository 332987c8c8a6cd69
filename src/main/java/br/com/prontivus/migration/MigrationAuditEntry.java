package br.com.prontivus.migration;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code migration_audit}. Versions are empty for an empty schema (nothing applied).
 *
 * @param detail error message on failure, snapshot path when a snapshot was taken, otherwise empty
 */
public record MigrationAuditEntry(
        long id,
        Instant occurredAt,
        String who,
        Optional<String> deviceId,
        MigrationAction action,
        Optional<String> fromVersion,
        Optional<String> toVersion,
        long durationMs,
        Outcome outcome,
        Optional<String> detail) {

    public enum Outcome {
        SUCCESS, FAILURE;

        String columnValue() {
            return this == SUCCESS ? "success" : "failure";
        }

        static Outcome fromColumn(String value) {
            return "success".equals(value) ? SUCCESS : FAILURE;
        }
    }
}
