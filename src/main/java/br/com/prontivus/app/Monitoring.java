package br.com.prontivus.app;

import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.Mode;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.monitor.JdbcConnector;
import br.com.prontivus.monitor.MonitorService;
import br.com.prontivus.monitor.MonitorStore;
import br.com.prontivus.monitor.PostgresSampler;
import br.com.prontivus.monitor.SqliteSampler;
import br.com.prontivus.monitor.StatementTimings;
import br.com.prontivus.monitor.SyncHealthSource;
import br.com.prontivus.monitor.SystemSampler;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxQueue;
import br.com.prontivus.sync.SyncEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Builds the database monitor for an opened installation: what it samples depends on the mode. */
final class Monitoring {

    /** The monitor's own connection gives up on PostgreSQL after this long (or DB_POOL_TIMEOUT if shorter). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private Monitoring() {
    }

    static MonitorService create(Prontivus app, StatementTimings timings) {
        AppConfig config = app.config();
        SqliteSampler sqlite = app.local() instanceof SqliteDatabase db ? new SqliteSampler(db) : null;
        PostgresSampler postgres = null;
        if (config.postgres().isPresent() && (config.mode() == Mode.HYBRID || config.mode() == Mode.CLOUD)) {
            PostgresTarget t = config.postgres().get();
            Duration timeout = Duration.ofSeconds(Math.min(PROBE_TIMEOUT.toSeconds(), config.pool().timeoutSeconds()));
            postgres = new PostgresSampler(JdbcConnector.of(t.jdbcUrl(), t.user(), t.password(), t.maskedUrl(), timeout));
        }
        SyncHealthSource sync = config.mode() == Mode.HYBRID && app.local() instanceof SqliteDatabase
                ? new OutboxHealth(app) : null;
        var settings = new MonitorService.Settings(MonitorService.Settings.DEFAULT_INTERVAL,
                config.sync().retentionDays(), hostName(), Locale.getDefault(), app.clock());
        return new MonitorService(new MonitorStore(app.local()), sqlite, postgres,
                new SystemSampler(config.dataDirectory()), sync, timings, settings);
    }

    /** Names this machine in the history without a DNS lookup (which can hang on a misconfigured network). */
    static String hostName() {
        for (String var : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String v = Files.readString(etc).strip();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // fall through
        }
        return "localhost";
    }

    /** The sync health check's numbers, from the outbox and the conflicts table of this desktop. */
    private record OutboxHealth(Prontivus app) implements SyncHealthSource {

        private OutboxQueue queue() {
            return new OutboxQueue(app.local());
        }

        @Override
        public long oldestPendingAgeSeconds() {
            return queue().oldestPending()
                    .map(t -> Math.max(0, Duration.between(t, Instant.now(app.clock())).toSeconds()))
                    .orElse(0L);
        }

        @Override
        public long pendingOps() {
            return queue().counts().getOrDefault(OutboxCapture.PENDING, 0);
        }

        @Override
        public long parkedOps() {
            return queue().counts().getOrDefault(OutboxCapture.PARKED, 0);
        }

        @Override
        public long openConflicts() {
            return app.syncEngine().map(SyncEngine::openConflicts).orElse(0);
        }
    }
}
