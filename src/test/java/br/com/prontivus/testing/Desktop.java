package br.com.prontivus.testing;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.store.Database;
import br.com.prontivus.sync.SyncEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One simulated front-desk installation for sync tests: its own data directory and SQLite file,
 * the real composition root in hybrid mode against a test PostgreSQL database.
 */
public final class Desktop implements AutoCloseable {

    public static final Actor ACTOR = Actor.system("tester");

    private final String name;
    private final Prontivus app;

    private Desktop(String name, Prontivus app) {
        this.name = name;
        this.app = app;
    }

    /** A hybrid desktop whose server is {@code serverUrl} (a jdbc:postgresql URL with user/password). */
    public static Desktop open(Path dataDir, String name, String serverUrl, Map<String, String> extraSettings) {
        Map<String, String> flags = new HashMap<>();
        flags.put("DATABASE_URL", serverUrl);
        flags.put("DB_POOL_SIZE", "1");
        flags.put("DB_MAX_OVERFLOW", "3");
        flags.put("DB_POOL_TIMEOUT", "5");
        flags.put("SYNC_RETRY_ATTEMPTS", "3");
        flags.putAll(extraSettings);
        var config = ConfigLoader.forDataDirectory(dataDir, flags);
        Prontivus app = Prontivus.open(config, new Prontivus.Options(Clock.systemUTC(), ZoneId.of("America/Sao_Paulo"),
                TestStores.FAST_HASHER, "tester-" + name, true));
        return new Desktop(name, app);
    }

    /** Creates the clinic on this desktop (first desktop of a clinic). */
    public Desktop initClinic(String clinicName) {
        app.init(clinicName, "admin", "Admin", "segredo123".toCharArray(), name);
        return this;
    }

    /** Enrols this desktop in an existing clinic. */
    public Desktop join(UUID clinicId) {
        app.join(clinicId, name);
        return this;
    }

    public UUID clinicId() {
        return app.identity().orElseThrow().clinicId();
    }

    public UUID deviceId() {
        return app.identity().orElseThrow().deviceId();
    }

    public ClinicServices services() {
        return app.services();
    }

    public SyncEngine engine() {
        return app.syncEngine().orElseThrow();
    }

    public SyncEngine.Report sync() {
        return engine().syncNow();
    }

    public Database local() {
        return app.local();
    }

    public Prontivus app() {
        return app;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        app.close();
    }
}
