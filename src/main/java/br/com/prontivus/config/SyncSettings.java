package br.com.prontivus.config;

import java.util.Objects;

/**
 * Sync engine and offline behaviour (SYNC_*, OFFLINE_*).
 *
 * @param enabled SYNC_ENABLED
 * @param intervalSeconds SYNC_INTERVAL_SECONDS (≥ 1)
 * @param conflictStrategy SYNC_CONFLICT_RESOLUTION
 * @param retryAttempts SYNC_RETRY_ATTEMPTS (0..100)
 * @param offlineModeEnabled OFFLINE_MODE_ENABLED
 * @param retentionDays OFFLINE_DATA_RETENTION_DAYS (≥ 1)
 * @param syncOnStartup OFFLINE_SYNC_ON_STARTUP
 */
public record SyncSettings(
        boolean enabled,
        int intervalSeconds,
        ConflictStrategy conflictStrategy,
        int retryAttempts,
        boolean offlineModeEnabled,
        int retentionDays,
        boolean syncOnStartup) {

    public SyncSettings {
        Objects.requireNonNull(conflictStrategy, "conflictStrategy");
        if (intervalSeconds < 1 || retryAttempts < 0 || retryAttempts > 100 || retentionDays < 1) {
            throw new IllegalArgumentException("sync settings out of range: intervalSeconds=" + intervalSeconds
                    + ", retryAttempts=" + retryAttempts + ", retentionDays=" + retentionDays);
        }
    }
}
