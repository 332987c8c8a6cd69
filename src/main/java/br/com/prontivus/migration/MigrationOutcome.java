package br.com.prontivus.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Result of {@link Migrator#run()} or {@link Migrator#rollback(Optional)}.
 *
 * @param versions versions applied (migrate) or undone (rollback), in the order it happened; empty
 *                 when there was nothing to do
 * @param snapshot SQLite snapshot taken before changing anything, if one was taken
 */
public record MigrationOutcome(
        MigrationAction action,
        Optional<String> fromVersion,
        Optional<String> toVersion,
        List<String> versions,
        Optional<Path> snapshot,
        Duration duration) {

    public MigrationOutcome {
        versions = List.copyOf(versions);
    }

    public boolean changedAnything() {
        return !versions.isEmpty();
    }
}
