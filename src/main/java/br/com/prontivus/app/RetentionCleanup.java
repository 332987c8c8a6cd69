package br.com.prontivus.app;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The "run retention cleanup" action of the admin panel (OFFLINE_DATA_RETENTION_DAYS, DESIGN.md
 * invariant 9), backed by {@code sync.Retention} on a desktop; {@link #UNAVAILABLE} in cloud mode,
 * where there is no local data to clean up, and the panel says so.
 */
public interface RetentionCleanup {

    /**
     * What one cleanup removed.
     *
     * @param horizon what was older than this was eligible
     * @param removed count per kind, e.g. {@code outbox_acknowledged}, {@code conflicts_resolved},
     *                {@code tombstones.patients}
     */
    record Report(Instant horizon, Map<String, Integer> removed) {
        public int total() {
            return removed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Runs the cleanup; empty when this build has no retention service. */
    Optional<Report> run();

    /** Whether the button can do anything in this build. */
    default boolean available() {
        return true;
    }

    RetentionCleanup UNAVAILABLE = new RetentionCleanup() {
        @Override
        public Optional<Report> run() {
            return Optional.empty();
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
