package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.config.Mode;
import br.com.prontivus.sync.ConnectionMonitor;
import br.com.prontivus.sync.SyncEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What the sync, offline, conflicts and connection commands share. */
final class SyncCli {

    private SyncCli() {
    }

    static UUID uuid(String text, String option) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw CliException.localized(ExitCodes.BAD_INPUT, "error.sync.bad_id", option, text);
        }
    }

    /** This desktop's engine, or a one-line refusal saying why there is none (exit 4, or 2 before init). */
    static SyncEngine engine(CliContext ctx) {
        Prontivus app = requireLocal(ctx);
        if (app.identity().isEmpty()) {
            throw new DomainException.Conflict("error.clinic.missing");
        }
        if (ctx.config().postgres().isEmpty()) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.sync.no_server");
        }
        return app.syncEngine().orElseThrow(() -> CliException.localized(ExitCodes.CONFLICT, "error.sync.no_server"));
    }

    /** The app of a desktop with a local SQLite file (not cloud mode). */
    static Prontivus requireLocal(CliContext ctx) {
        if (ctx.config().mode() == Mode.CLOUD) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.sync.cloud");
        }
        return ctx.app();
    }

    /** A few probes of the server, as the link monitor runs them; the last one decides the state. */
    static ConnectionMonitor.Status probe(Prontivus app, int samples) {
        ConnectionMonitor monitor = new ConnectionMonitor(app.linkProbe());
        ConnectionMonitor.Status status = monitor.checkNow();
        for (int i = 1; i < samples; i++) {
            status = monitor.checkNow();
        }
        return status;
    }

    static Map<String, Object> link(ConnectionMonitor.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().name());
        m.put("latency_ms", s.latencyMillis());
        m.put("failures", s.failuresInWindow());
        m.put("samples", s.window());
        m.put("error", s.lastError());
        m.put("checked_at", s.checkedAt());
        return m;
    }

    static Map<String, Object> report(SyncEngine.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", r.ok());
        m.put("pushed", r.pushed());
        m.put("already_applied", r.alreadyApplied());
        m.put("parked", r.parked());
        m.put("conflicts", r.conflicts());
        m.put("pulled", r.pulled());
        m.put("cursor", r.cursor());
        m.put("rebootstrapped", r.rebootstrapped());
        m.put("error", r.error());
        return m;
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }
}
