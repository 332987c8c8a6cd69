package br.com.prontivus.app;

import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.migration.MigrationStatus;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.LinkState;
import br.com.prontivus.sync.SyncStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code prontivus status} reports: mode, identity, the local file, the server's reachability,
 * schema versions on each side and the outbox. Built from live reads, nothing cached.
 */
public final class StatusReport {

    private StatusReport() {
    }

    public static Map<String, Object> collect(Prontivus app) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", app.mode().name().toLowerCase(Locale.ROOT));
        var identity = app.identity();
        report.put("clinic_id", identity.map(i -> i.clinicId().toString()).orElse(null));
        report.put("device_id", identity.map(i -> i.deviceId().toString()).orElse(null));
        report.put("clinic_name", app.clinicName());

        Map<String, Object> schema = new LinkedHashMap<>();
        Map<String, Object> sqlite = new LinkedHashMap<>();
        if (app.local() instanceof SqliteDatabase db) {
            sqlite.put("path", db.file().toString());
            sqlite.put("size_bytes", size(db.file()));
            sqlite.put("wal_size_bytes", size(Path.of(db.file() + "-wal")));
            MigrationStatus local = app.localMigrator().status();
            schema.put("local", local.currentVersion().orElse(null));
            schema.put("local_pending", local.pending().size());
        } else {
            sqlite.put("path", null);
        }
        report.put("sqlite", sqlite);

        Map<String, Object> postgres = new LinkedHashMap<>();
        Optional<PostgresTarget> target = app.config().postgres();
        postgres.put("configured", target.isPresent());
        LinkState link = LinkState.OFFLINE;
        if (target.isPresent()) {
            postgres.put("url", target.get().maskedUrl());
            switch (ServerLink.probe(app.config(), target.get())) {
                case ServerLink.Reachability.Reachable r -> {
                    link = ConnectionMonitor.classify(true, r.latency(), 0, ConnectionMonitor.DEFAULT_DEGRADED_THRESHOLD);
                    postgres.put("reachable", true);
                    postgres.put("latency_ms", Math.round(r.latency().toNanos() / 1e5) / 10.0);
                    postgres.put("server_version", r.serverVersion());
                    remoteSchema(app, target.get(), schema);
                }
                case ServerLink.Reachability.Unreachable u -> {
                    postgres.put("reachable", false);
                    postgres.put("reason", u.reason());
                    schema.put("remote", null);
                }
            }
        }
        report.put("postgres", postgres);
        report.put("schema", schema);

        Map<String, Object> outbox = new LinkedHashMap<>();
        Map<String, Object> sync = new LinkedHashMap<>();
        if (app.local() instanceof SqliteDatabase db) {
            SyncStatus s = SyncStatus.read(db);
            outbox.put("pending", s.pending());
            outbox.put("parked", s.parked());
            outbox.put("acknowledged", s.acknowledged());
            sync.put("link", link.name());
            sync.put("last_push_at", s.lastPushAt());
            sync.put("last_pull_at", s.lastPullAt());
            sync.put("last_success_at", s.lastSuccessAt());
            sync.put("last_error", s.lastError());
            sync.put("pending", s.pending());
            sync.put("parked", s.parked());
            sync.put("open_conflicts", s.openConflicts());
        } else {
            outbox.put("pending", 0);
            sync.put("link", target.isPresent() && Boolean.TRUE.equals(postgres.get("reachable")) ? link.name() : "OFFLINE");
        }
        report.put("outbox", outbox);
        report.put("sync", sync);
        return report;
    }

    private static void remoteSchema(Prontivus app, PostgresTarget target, Map<String, Object> schema) {
        try (PostgresDatabase server = PostgresDatabase.open(ServerLink.commandPoolFor(app.config(), target))) {
            MigrationStatus remote = Migrator.forPostgres(server.dataSource(), app.migrationActor()).status();
            schema.put("remote", remote.currentVersion().orElse(null));
            schema.put("remote_pending", remote.pending().size());
        } catch (RuntimeException e) {
            schema.put("remote", null);
            schema.put("remote_error", e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            return -1L;
        }
    }
}
