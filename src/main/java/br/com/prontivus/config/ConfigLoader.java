package br.com.prontivus.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link AppConfig} from four layers, highest precedence first: command-line flags, environment, the
 * config file {@code prontivus.properties} in the data directory (Java properties, setting names as keys), and
 * the defaults. A blank value in any layer counts as "not set there" and falls through to the next layer.
 *
 * <p>PRONTIVUS_HOME itself comes only from a flag or the environment (else the OS default): it locates the config
 * file, so the file cannot move it. Unknown keys in the file are logged as warnings and ignored. Every value that
 * wins is validated, whatever the mode; the first bad one (in {@link Setting} order) is reported as an
 * {@link InvalidSettingException}.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE_NAME = "prontivus.properties";
    public static final String DEFAULT_SQLITE_FILE = "prontivus.db";

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {}

    /**
     * Loads with the running JVM's {@code os.name} and {@code user.home} (used only for the default data directory
     * and for expanding a leading {@code ~} in PRONTIVUS_HOME).
     *
     * @param flags setting name → value from the command line; keys may also be written as
     *     {@code --db-pool-size} or {@code db_pool_size}
     * @param environment usually {@link System#getenv()}
     */
    public static AppConfig load(Map<String, String> flags, Map<String, String> environment) {
        return load(flags, environment, System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #load(Map, Map)}, with the OS name and home directory given explicitly (for tests). */
    public static AppConfig load(
            Map<String, String> flags, Map<String, String> environment, String osName, Path userHome) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(userHome, "userHome");

        Map<Setting, String> flagValues = normalizeFlags(flags);
        Map<Setting, String> envValues = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = environment.get(s.name());
            if (isSet(v)) {
                envValues.put(s, v);
            }
        }

        // 1. Data directory: flag > environment > OS default.
        Map<Setting, Chosen> chosen = new EnumMap<>(Setting.class);
        Path dataDirectory;
        if (flagValues.containsKey(Setting.PRONTIVUS_HOME) || envValues.containsKey(Setting.PRONTIVUS_HOME)) {
            boolean fromFlag = flagValues.containsKey(Setting.PRONTIVUS_HOME);
            String raw = fromFlag ? flagValues.get(Setting.PRONTIVUS_HOME) : envValues.get(Setting.PRONTIVUS_HOME);
            Path given = (Path) Setting.PRONTIVUS_HOME.parse(expandTilde(raw.strip(), userHome));
            dataDirectory = given.toAbsolutePath().normalize();
            chosen.put(Setting.PRONTIVUS_HOME, new Chosen(raw, fromFlag ? Source.FLAG : Source.ENVIRONMENT));
        } else {
            dataDirectory = DataDirectories.defaultFor(osName, userHome, environment).toAbsolutePath().normalize();
            chosen.put(Setting.PRONTIVUS_HOME, new Chosen(null, Source.DEFAULT));
        }

        // 2. Config file in the data directory.
        Path configFile = dataDirectory.resolve(CONFIG_FILE_NAME);
        Map<Setting, String> fileValues = readConfigFile(configFile, dataDirectory);

        // 3. Pick the winning raw value per setting.
        for (Setting s : Setting.values()) {
            if (s == Setting.PRONTIVUS_HOME) {
                continue;
            }
            if (flagValues.containsKey(s)) {
                chosen.put(s, new Chosen(flagValues.get(s), Source.FLAG));
            } else if (envValues.containsKey(s)) {
                chosen.put(s, new Chosen(envValues.get(s), Source.ENVIRONMENT));
            } else if (fileValues.containsKey(s)) {
                chosen.put(s, new Chosen(fileValues.get(s), Source.CONFIG_FILE));
            } else {
                chosen.put(s, new Chosen(s.defaultValue().orElse(null), Source.DEFAULT));
            }
        }

        // 4. Validate everything, in declaration order.
        Map<Setting, Object> typed = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s == Setting.PRONTIVUS_HOME) {
                typed.put(s, dataDirectory);
                continue;
            }
            String raw = chosen.get(s).raw();
            if (raw != null) {
                typed.put(s, s.parse(raw));
            }
        }

        // 5. Derived values.
        boolean useSqlite = (Boolean) typed.get(Setting.USE_SQLITE);
        boolean useDatabase = (Boolean) typed.get(Setting.USE_DATABASE);
        PostgresTarget postgres = postgresTarget(typed);
        Mode mode = mode(useDatabase, useSqlite, postgres != null, chosen.get(Setting.USE_SQLITE));

        Path sqlitePath;
        Path sqliteGiven = (Path) typed.get(Setting.SQLITE_URL);
        if (sqliteGiven == null) {
            sqlitePath = dataDirectory.resolve(DEFAULT_SQLITE_FILE);
        } else if (sqliteGiven.isAbsolute()) {
            sqlitePath = sqliteGiven.normalize();
        } else {
            // Relative SQLite paths (sqlite:///./x.db, jdbc:sqlite:x.db) are relative to the DATA DIRECTORY.
            sqlitePath = dataDirectory.resolve(sqliteGiven).normalize();
        }

        PoolSettings pool = new PoolSettings(
                (Integer) typed.get(Setting.DB_POOL_SIZE),
                (Integer) typed.get(Setting.DB_MAX_OVERFLOW),
                (Integer) typed.get(Setting.DB_POOL_TIMEOUT),
                (Integer) typed.get(Setting.DB_POOL_RECYCLE));
        SyncSettings sync = new SyncSettings(
                (Boolean) typed.get(Setting.SYNC_ENABLED),
                (Integer) typed.get(Setting.SYNC_INTERVAL_SECONDS),
                (ConflictStrategy) typed.get(Setting.SYNC_CONFLICT_RESOLUTION),
                (Integer) typed.get(Setting.SYNC_RETRY_ATTEMPTS),
                (Boolean) typed.get(Setting.OFFLINE_MODE_ENABLED),
                (Integer) typed.get(Setting.OFFLINE_DATA_RETENTION_DAYS),
                (Boolean) typed.get(Setting.OFFLINE_SYNC_ON_STARTUP));

        // 6. What to show: canonical values, secrets masked.
        Map<Setting, SettingValue> effective = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            Source source = chosen.get(s).source();
            String shown = switch (s) {
                case PRONTIVUS_HOME -> dataDirectory.toString();
                case SQLITE_URL -> "jdbc:sqlite:" + sqlitePath;
                case DATABASE_URL, POSTGRES_PASSWORD -> s.mask(stripOrNull(chosen.get(s).raw(), s));
                default -> display(typed.get(s));
            };
            effective.put(s, new SettingValue(s.name(), shown, source));
        }

        return new AppConfig(dataDirectory, configFile, sqlitePath, useSqlite, useDatabase, postgres, mode, pool,
                sync, (Boolean) typed.get(Setting.DEBUG), (String) typed.get(Setting.LOG_LEVEL), effective);
    }

    /**
     * Loads with only PRONTIVUS_HOME set (as a flag) and an empty environment: the config file in {@code dataDirectory}
     * is read if present, everything else is default. Handy for tests and tools.
     */
    public static AppConfig forDataDirectory(Path dataDirectory) {
        return forDataDirectory(dataDirectory, Map.of());
    }

    /** As {@link #forDataDirectory(Path)}, with extra flags (setting name → value). */
    public static AppConfig forDataDirectory(Path dataDirectory, Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(flags);
        all.put(Setting.PRONTIVUS_HOME.name(), dataDirectory.toString());
        return load(all, Map.of());
    }

    // ---- steps ---------------------------------------------------------------------------------------------

    private record Chosen(String raw, Source source) {
        @Override
        public String toString() {
            return "Chosen[source=" + source + "]"; // raw may be a password
        }
    }

    private static Map<Setting, String> normalizeFlags(Map<String, String> flags) {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : flags.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new IllegalArgumentException("flag name must not be null");
            }
            String name = key.strip();
            while (name.startsWith("-")) {
                name = name.substring(1);
            }
            name = name.replace('-', '_').toUpperCase(Locale.ROOT);
            Setting s = Setting.byName(name)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown setting flag: " + key));
            if (isSet(e.getValue())) {
                out.put(s, e.getValue());
            }
        }
        return out;
    }

    private static Map<Setting, String> readConfigFile(Path file, Path dataDirectory) {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        if (!Files.exists(file)) {
            return out;
        }
        Properties props = new Properties();
        try {
            if (!Files.isRegularFile(file)) {
                throw new IOException("not a regular file");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: malformed \\uXXXX escape; MalformedInputException: not UTF-8.
            throw new InvalidSettingException(Setting.PRONTIVUS_HOME.name(), dataDirectory.toString(),
                    "cannot read config file " + file + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        }
        for (String key : props.stringPropertyNames()) {
            String name = key.strip();
            var setting = Setting.byName(name);
            if (setting.isEmpty()) {
                log.warn("Ignoring unknown setting '{}' in {}", name, file);
            } else if (setting.get() == Setting.PRONTIVUS_HOME) {
                log.warn("Ignoring PRONTIVUS_HOME in {}: it can only be set by flag or environment", file);
            } else if (isSet(props.getProperty(key))) {
                out.put(setting.get(), props.getProperty(key));
            }
        }
        return out;
    }

    private static PostgresTarget postgresTarget(Map<Setting, Object> typed) {
        int port = (Integer) typed.get(Setting.POSTGRES_PORT);
        String user = (String) typed.get(Setting.POSTGRES_USER);
        String password = (String) typed.get(Setting.POSTGRES_PASSWORD);
        String sslMode = (String) typed.get(Setting.POSTGRES_SSL_MODE);
        String url = (String) typed.get(Setting.DATABASE_URL);
        if (url != null) {
            // DATABASE_URL wins; POSTGRES_* only fill in what the URL leaves out (port, user, password, sslmode).
            return PostgresTarget.parse(url, new PostgresTarget.Defaults(port, user, password, sslMode));
        }
        String host = (String) typed.get(Setting.POSTGRES_HOST);
        if (host != null) {
            return new PostgresTarget(host, port, (String) typed.get(Setting.POSTGRES_DB), user, password, sslMode);
        }
        return null;
    }

    private static Mode mode(boolean useDatabase, boolean useSqlite, boolean hasPostgres, Chosen useSqliteRaw) {
        if (!useDatabase) {
            return Mode.NO_PERSISTENCE;
        }
        if (useSqlite) {
            return hasPostgres ? Mode.HYBRID : Mode.OFFLINE;
        }
        if (hasPostgres) {
            return Mode.CLOUD;
        }
        throw new InvalidSettingException(Setting.USE_SQLITE.name(), useSqliteRaw.raw().strip(),
                "USE_SQLITE=false needs DATABASE_URL or POSTGRES_HOST");
    }

    private static String display(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ConflictStrategy c) {
            return c.wireName();
        }
        return value.toString();
    }

    private static String stripOrNull(String raw, Setting s) {
        if (raw == null) {
            return null;
        }
        return s.secret() ? raw : raw.strip();
    }

    private static String expandTilde(String raw, Path userHome) {
        if (raw.equals("~")) {
            return userHome.toString();
        }
        if (raw.startsWith("~/") || raw.startsWith("~\\")) {
            return userHome.resolve(raw.substring(2)).toString();
        }
        return raw;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
