package br.com.prontivus.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated, immutable application configuration. Obtain it from {@link ConfigLoader}. Its
 * {@link #toString()} lists the effective settings with secrets masked, so it is safe to log.
 */
public final class AppConfig {

    private final Path dataDirectory;
    private final Path configFile;
    private final Path sqlitePath;
    private final boolean useSqlite;
    private final boolean useDatabase;
    private final PostgresTarget postgres;
    private final Mode mode;
    private final PoolSettings pool;
    private final SyncSettings sync;
    private final boolean debug;
    private final String configuredLogLevel;
    private final List<SettingValue> effective;
    private final Map<Setting, SettingValue> effectiveBySetting;

    AppConfig(Path dataDirectory, Path configFile, Path sqlitePath, boolean useSqlite, boolean useDatabase,
            PostgresTarget postgres, Mode mode, PoolSettings pool, SyncSettings sync, boolean debug,
            String configuredLogLevel, Map<Setting, SettingValue> effective) {
        this.dataDirectory = requireAbsolute(dataDirectory, "dataDirectory");
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.sqlitePath = requireAbsolute(sqlitePath, "sqlitePath");
        this.useSqlite = useSqlite;
        this.useDatabase = useDatabase;
        this.postgres = postgres;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.debug = debug;
        this.configuredLogLevel = Objects.requireNonNull(configuredLogLevel, "configuredLogLevel");
        EnumMap<Setting, SettingValue> copy = new EnumMap<>(Setting.class);
        copy.putAll(effective);
        if (copy.size() != Setting.values().length) {
            throw new IllegalArgumentException("effective must have one entry per setting");
        }
        this.effectiveBySetting = copy;
        this.effective = List.copyOf(copy.values());
    }

    private static Path requireAbsolute(Path p, String what) {
        Objects.requireNonNull(p, what);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be absolute: " + p);
        }
        return p;
    }

    /** The absolute data directory (PRONTIVUS_HOME). Not created by the loader. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@code <data directory>/prontivus.properties}; it may not exist. */
    public Path configFile() {
        return configFile;
    }

    /** Absolute path of the SQLite database file (SQLITE_URL, default {@code <data directory>/prontivus.db}). */
    public Path sqlitePath() {
        return sqlitePath;
    }

    /** {@code jdbc:sqlite:<absolute path>}. */
    public String sqliteJdbcUrl() {
        return "jdbc:sqlite:" + sqlitePath;
    }

    public Mode mode() {
        return mode;
    }

    public boolean useSqlite() {
        return useSqlite;
    }

    public boolean useDatabase() {
        return useDatabase;
    }

    /**
     * The PostgreSQL server when DATABASE_URL or POSTGRES_HOST is set (also reported in {@link Mode#NO_PERSISTENCE}
     * and regardless of mode; callers decide by {@link #mode()} whether to use it).
     */
    public Optional<PostgresTarget> postgres() {
        return Optional.ofNullable(postgres);
    }

    public PoolSettings pool() {
        return pool;
    }

    public SyncSettings sync() {
        return sync;
    }

    public boolean debug() {
        return debug;
    }

    /** The level to log at: LOG_LEVEL, except that DEBUG=true forces DEBUG unless LOG_LEVEL is TRACE. */
    public String logLevel() {
        if (debug && !"TRACE".equals(configuredLogLevel)) {
            return "DEBUG";
        }
        return configuredLogLevel;
    }

    /** One entry per {@link Setting}, in declaration order, with masked values and their source. */
    public List<SettingValue> effective() {
        return effective;
    }

    /** The effective entry of one setting. */
    public SettingValue effective(Setting setting) {
        return effectiveBySetting.get(Objects.requireNonNull(setting, "setting"));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("AppConfig[mode=").append(mode);
        for (SettingValue v : effective) {
            b.append(", ").append(v.name()).append('=').append(v.value()).append(" (").append(v.source()).append(')');
        }
        return b.append(']').toString();
    }
}
