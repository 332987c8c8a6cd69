package br.com.prontivus.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a database stands: its current version, what was applied and what is waiting.
 *
 * @param database       human-readable name of the database (file path or server URL without credentials)
 * @param currentVersion latest applied version, empty when nothing is applied
 * @param applied        applied migrations in the order they were installed
 * @param pending        migrations found in the scripts and not yet applied, oldest first
 */
public record MigrationStatus(
        Dialect dialect,
        String database,
        Optional<String> currentVersion,
        List<AppliedMigration> applied,
        List<PendingMigration> pending) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /**
     * @param checksum              checksum recorded when the migration was applied
     * @param success               false only for a migration recorded as failed
     * @param scriptAvailable       false when the script of an applied migration is no longer found
     * @param rollbackScriptAvailable whether the {@code D<version>__<description>.sql} script exists
     */
    public record AppliedMigration(
            String version,
            String description,
            String script,
            Instant installedOn,
            String installedBy,
            Integer checksum,
            boolean success,
            boolean scriptAvailable,
            boolean rollbackScriptAvailable) {
    }

    public record PendingMigration(
            String version,
            String description,
            String script,
            boolean rollbackScriptAvailable) {
    }
}
