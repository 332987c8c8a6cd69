package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigLoaderPrecedenceTest {

    @TempDir
    Path temp;

    Path home;
    Path data;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        data = Files.createDirectories(temp.resolve("data"));
    }

    private AppConfig load(Map<String, String> flags, Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("PRONTIVUS_HOME", data.toString());
        return ConfigLoader.load(flags, e, "Linux", home);
    }

    private void writeConfig(String text) throws IOException {
        Files.writeString(data.resolve(ConfigLoader.CONFIG_FILE_NAME), text, StandardCharsets.UTF_8);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AppConfig c = load(Map.of(), Map.of());

        assertThat(c.dataDirectory()).isEqualTo(data);
        assertThat(c.configFile()).isEqualTo(data.resolve("prontivus.properties"));
        assertThat(c.sqlitePath()).isEqualTo(data.resolve("prontivus.db"));
        assertThat(c.mode()).isEqualTo(Mode.OFFLINE);
        assertThat(c.useSqlite()).isTrue();
        assertThat(c.useDatabase()).isTrue();
        assertThat(c.postgres()).isEmpty();
        assertThat(c.pool()).isEqualTo(new PoolSettings(20, 30, 30, 3600));
        assertThat(c.pool().maximumPoolSize()).isEqualTo(50);
        assertThat(c.pool().minimumIdle()).isEqualTo(20);
        assertThat(c.sync()).isEqualTo(new SyncSettings(true, 300, ConflictStrategy.POSTGRESQL_WINS, 3, true, 30, true));
        assertThat(c.debug()).isFalse();
        assertThat(c.logLevel()).isEqualTo("INFO");

        assertThat(c.effective()).hasSize(Setting.values().length);
        assertThat(c.effective()).extracting(SettingValue::name)
                .containsExactly(java.util.Arrays.stream(Setting.values()).map(Enum::name).toArray(String[]::new));
        assertThat(c.effective(Setting.PRONTIVUS_HOME)).isEqualTo(
                new SettingValue("PRONTIVUS_HOME", data.toString(), Source.ENVIRONMENT));
        assertThat(c.effective(Setting.DB_POOL_SIZE)).isEqualTo(new SettingValue("DB_POOL_SIZE", "20", Source.DEFAULT));
        assertThat(c.effective(Setting.SYNC_CONFLICT_RESOLUTION).value()).isEqualTo("postgresql_wins");
        assertThat(c.effective(Setting.SQLITE_URL))
                .isEqualTo(new SettingValue("SQLITE_URL", "jdbc:sqlite:" + data.resolve("prontivus.db"), Source.DEFAULT));
        assertThat(c.effective(Setting.DATABASE_URL)).isEqualTo(new SettingValue("DATABASE_URL", null, Source.DEFAULT));
        assertThat(c.effective(Setting.POSTGRES_HOST).value()).isNull();
        assertThat(c.effective(Setting.POSTGRES_PASSWORD).value()).isNull();
    }

    @Test
    void configFileBeatsDefault() throws IOException {
        writeConfig("DB_POOL_SIZE=7\nSYNC_CONFLICT_RESOLUTION=newest_wins\n");

        AppConfig c = load(Map.of(), Map.of());

        assertThat(c.pool().size()).isEqualTo(7);
        assertThat(c.sync().conflictStrategy()).isEqualTo(ConflictStrategy.NEWEST_WINS);
        assertThat(c.effective(Setting.DB_POOL_SIZE)).isEqualTo(new SettingValue("DB_POOL_SIZE", "7", Source.CONFIG_FILE));
        assertThat(c.effective(Setting.DB_MAX_OVERFLOW).source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void environmentBeatsConfigFile() throws IOException {
        writeConfig("DB_POOL_SIZE=7\n");

        AppConfig c = load(Map.of(), Map.of("DB_POOL_SIZE", "8"));

        assertThat(c.pool().size()).isEqualTo(8);
        assertThat(c.effective(Setting.DB_POOL_SIZE)).isEqualTo(new SettingValue("DB_POOL_SIZE", "8", Source.ENVIRONMENT));
    }

    @Test
    void flagBeatsEnvironmentAndConfigFile() throws IOException {
        writeConfig("DB_POOL_SIZE=7\n");

        AppConfig c = load(Map.of("DB_POOL_SIZE", "9"), Map.of("DB_POOL_SIZE", "8"));

        assertThat(c.pool().size()).isEqualTo(9);
        assertThat(c.effective(Setting.DB_POOL_SIZE)).isEqualTo(new SettingValue("DB_POOL_SIZE", "9", Source.FLAG));
    }

    @Test
    void flagNamesMayBeWrittenAsCliOptions() {
        AppConfig c = load(Map.of("--sync-interval-seconds", "60", "log_level", "warn"), Map.of());

        assertThat(c.sync().intervalSeconds()).isEqualTo(60);
        assertThat(c.logLevel()).isEqualTo("WARN");
        assertThat(c.effective(Setting.LOG_LEVEL)).isEqualTo(new SettingValue("LOG_LEVEL", "WARN", Source.FLAG));
    }

    @Test
    void unknownFlagIsAProgrammingError() {
        assertThatThrownBy(() -> load(Map.of("--no-such-thing", "1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--no-such-thing");
    }

    @Test
    void blankValueFallsThroughToTheNextLayer() throws IOException {
        writeConfig("SYNC_RETRY_ATTEMPTS=5\n");

        AppConfig c = load(Map.of("SYNC_RETRY_ATTEMPTS", " "), Map.of("SYNC_RETRY_ATTEMPTS", ""));

        assertThat(c.sync().retryAttempts()).isEqualTo(5);
        assertThat(c.effective(Setting.SYNC_RETRY_ATTEMPTS).source()).isEqualTo(Source.CONFIG_FILE);
    }

    @Test
    void aBadValueThatIsOverriddenIsNotAnError() {
        AppConfig c = load(Map.of("DB_POOL_SIZE", "4"), Map.of("DB_POOL_SIZE", "lots"));

        assertThat(c.pool().size()).isEqualTo(4);
    }

    @Test
    void badValueInConfigFileIsRefused() throws IOException {
        writeConfig("OFFLINE_DATA_RETENTION_DAYS=0\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid setting OFFLINE_DATA_RETENTION_DAYS='0': expected an integer >= 1");
    }

    @Test
    void prontivusHomeFlagBeatsEnvironmentAndSelectsTheConfigFile() throws IOException {
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve("prontivus.properties"), "DB_POOL_SIZE=11\n");
        writeConfig("DB_POOL_SIZE=7\n");

        AppConfig c = load(Map.of("PRONTIVUS_HOME", other.toString()), Map.of());

        assertThat(c.dataDirectory()).isEqualTo(other);
        assertThat(c.pool().size()).isEqualTo(11);
        assertThat(c.effective(Setting.PRONTIVUS_HOME)).isEqualTo(
                new SettingValue("PRONTIVUS_HOME", other.toString(), Source.FLAG));
    }

    @Test
    void prontivusHomeInConfigFileIsIgnored() throws IOException {
        writeConfig("PRONTIVUS_HOME=" + temp.resolve("elsewhere").toString().replace("\\", "\\\\") + "\n");

        AppConfig c = load(Map.of(), Map.of());

        assertThat(c.dataDirectory()).isEqualTo(data);
    }

    @Test
    void prontivusHomeDefaultsToTheOsFolderUnderTheGivenHome() {
        AppConfig c = ConfigLoader.load(Map.of(), Map.of(), "Linux", home);

        assertThat(c.dataDirectory()).isEqualTo(home.resolve(".local/share/prontivus"));
        assertThat(c.effective(Setting.PRONTIVUS_HOME))
                .isEqualTo(new SettingValue("PRONTIVUS_HOME", home.resolve(".local/share/prontivus").toString(),
                        Source.DEFAULT));
        assertThat(c.sqlitePath()).isEqualTo(home.resolve(".local/share/prontivus/prontivus.db"));
    }

    @Test
    void prontivusHomeExpandsTildeAndIsMadeAbsolute() {
        AppConfig c = ConfigLoader.load(Map.of(), Map.of("PRONTIVUS_HOME", "~/clinic"), "Linux", home);

        assertThat(c.dataDirectory()).isEqualTo(home.resolve("clinic"));
        assertThat(c.dataDirectory()).isAbsolute();
    }

    @Test
    void unknownKeyInConfigFileIsWarnedAboutNotFatal() throws IOException {
        writeConfig("# comment\nSYNC_INTERVALL_SECONDS=10\nSYNC_INTERVAL_SECONDS=20\n");
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            AppConfig c = load(Map.of(), Map.of());

            assertThat(c.sync().intervalSeconds()).isEqualTo(20);
            assertThat(appender.list)
                    .anySatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                        assertThat(e.getFormattedMessage()).contains("SYNC_INTERVALL_SECONDS");
                    });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void configFileIsReadAsUtf8() throws IOException {
        writeConfig("POSTGRES_HOST=db\nPOSTGRES_PASSWORD=s\u00e9nha\u00e7\n");

        AppConfig c = load(Map.of(), Map.of());

        assertThat(c.postgres()).get().extracting(PostgresTarget::password).isEqualTo("s\u00e9nha\u00e7");
    }

    @Test
    void configFileThatIsADirectoryIsRefused() throws IOException {
        Files.createDirectories(data.resolve("prontivus.properties"));

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("PRONTIVUS_HOME"))
                .hasMessageContaining("cannot read config file")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unreadableConfigFileIsRefused() throws IOException {
        Path file = data.resolve("prontivus.properties");
        Files.writeString(file, "DB_POOL_SIZE=3\n");
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        org.junit.jupiter.api.Assumptions.assumeTrue(posix, "needs POSIX permissions");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: file stays readable");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void malformedEscapeInConfigFileIsRefused() throws IOException {
        writeConfig("POSTGRES_DB=\\uZZZZ\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void debugForcesDebugLevelUnlessTrace() {
        assertThat(load(Map.of("DEBUG", "yes"), Map.of()).logLevel()).isEqualTo("DEBUG");
        assertThat(load(Map.of("DEBUG", "1", "LOG_LEVEL", "error"), Map.of()).logLevel()).isEqualTo("DEBUG");
        assertThat(load(Map.of("DEBUG", "true", "LOG_LEVEL", "trace"), Map.of()).logLevel()).isEqualTo("TRACE");
        assertThat(load(Map.of("DEBUG", "no", "LOG_LEVEL", "Warn"), Map.of()).logLevel()).isEqualTo("WARN");
        assertThat(load(Map.of("DEBUG", "YES"), Map.of()).debug()).isTrue();
    }

    @Test
    void allTypedAccessorsReflectTheirSettings() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_POOL_SIZE", "5");
        env.put("DB_MAX_OVERFLOW", "0");
        env.put("DB_POOL_TIMEOUT", "1");
        env.put("DB_POOL_RECYCLE", "30");
        env.put("SYNC_ENABLED", "no");
        env.put("SYNC_INTERVAL_SECONDS", "1");
        env.put("SYNC_CONFLICT_RESOLUTION", "MANUAL");
        env.put("SYNC_RETRY_ATTEMPTS", "100");
        env.put("OFFLINE_MODE_ENABLED", "0");
        env.put("OFFLINE_DATA_RETENTION_DAYS", "1");
        env.put("OFFLINE_SYNC_ON_STARTUP", "False");

        AppConfig c = load(Map.of(), env);

        assertThat(c.pool()).isEqualTo(new PoolSettings(5, 0, 1, 30));
        assertThat(c.pool().maximumPoolSize()).isEqualTo(5);
        assertThat(c.sync()).isEqualTo(new SyncSettings(false, 1, ConflictStrategy.MANUAL, 100, false, 1, false));
        assertThat(c.effective(Setting.SYNC_ENABLED)).isEqualTo(new SettingValue("SYNC_ENABLED", "false", Source.ENVIRONMENT));
        assertThat(c.effective(Setting.SYNC_CONFLICT_RESOLUTION).value()).isEqualTo("manual");
    }

    @Test
    void forDataDirectoryReadsTheConfigFileThere() throws IOException {
        writeConfig("SYNC_ENABLED=false\n");

        AppConfig c = ConfigLoader.forDataDirectory(data);

        assertThat(c.dataDirectory()).isEqualTo(data);
        assertThat(c.sync().enabled()).isFalse();
        assertThat(ConfigLoader.forDataDirectory(data, Map.of("SYNC_ENABLED", "true")).sync().enabled()).isTrue();
    }

    @Test
    void sourceDisplayNames() {
        assertThat(Source.FLAG.displayName()).isEqualTo("flag");
        assertThat(Source.ENVIRONMENT.displayName()).isEqualTo("environment");
        assertThat(Source.CONFIG_FILE.displayName()).isEqualTo("config file");
        assertThat(Source.DEFAULT).hasToString("default");
    }
}
