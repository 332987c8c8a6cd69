package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingValidationTest {

    @TempDir
    Path data;

    private InvalidSettingException loadExpectingFailure(String name, String value) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(
                Map.of(name, value), Map.of("PRONTIVUS_HOME", data.toString()), "Linux", data));
        assertThat(t).isInstanceOf(InvalidSettingException.class);
        return (InvalidSettingException) t;
    }

    static Stream<Arguments> badValues() {
        String bool = "allowed values are true, false, 1, 0, yes, no";
        return Stream.of(
                Arguments.of("USE_SQLITE", "maybe", bool),
                Arguments.of("USE_DATABASE", "2", bool),
                Arguments.of("SYNC_ENABLED", "on", bool),
                Arguments.of("OFFLINE_MODE_ENABLED", "y", bool),
                Arguments.of("OFFLINE_SYNC_ON_STARTUP", "truee", bool),
                Arguments.of("DEBUG", "-1", bool),
                Arguments.of("POSTGRES_PORT", "0", "expected an integer from 1 to 65535"),
                Arguments.of("POSTGRES_PORT", "65536", "expected an integer from 1 to 65535"),
                Arguments.of("POSTGRES_PORT", "http", "expected an integer from 1 to 65535"),
                Arguments.of("POSTGRES_SSL_MODE", "required",
                        "allowed values are disable, allow, prefer, require, verify-ca, verify-full"),
                Arguments.of("DB_POOL_SIZE", "0", "expected an integer >= 1"),
                Arguments.of("DB_POOL_SIZE", "-5", "expected an integer >= 1"),
                Arguments.of("DB_POOL_SIZE", "twenty", "expected an integer >= 1"),
                Arguments.of("DB_POOL_SIZE", "2.5", "expected an integer >= 1"),
                Arguments.of("DB_POOL_SIZE", "99999999999", "expected an integer >= 1"),
                Arguments.of("DB_MAX_OVERFLOW", "-1", "expected an integer >= 0"),
                Arguments.of("DB_MAX_OVERFLOW", "abc", "expected an integer >= 0"),
                Arguments.of("DB_POOL_TIMEOUT", "0", "expected an integer >= 1"),
                Arguments.of("DB_POOL_TIMEOUT", "30s", "expected an integer >= 1"),
                Arguments.of("DB_POOL_RECYCLE", "29", "expected an integer >= 30"),
                Arguments.of("DB_POOL_RECYCLE", "-3600", "expected an integer >= 30"),
                Arguments.of("SYNC_INTERVAL_SECONDS", "0", "expected an integer >= 1"),
                Arguments.of("SYNC_INTERVAL_SECONDS", "5m", "expected an integer >= 1"),
                Arguments.of("SYNC_CONFLICT_RESOLUTION", "fastest_wins",
                        "allowed values are postgresql_wins, sqlite_wins, newest_wins, manual"),
                Arguments.of("SYNC_RETRY_ATTEMPTS", "-1", "expected an integer from 0 to 100"),
                Arguments.of("SYNC_RETRY_ATTEMPTS", "101", "expected an integer from 0 to 100"),
                Arguments.of("OFFLINE_DATA_RETENTION_DAYS", "0", "expected an integer >= 1"),
                Arguments.of("OFFLINE_DATA_RETENTION_DAYS", "-30", "expected an integer >= 1"),
                Arguments.of("LOG_LEVEL", "verbose", "allowed values are TRACE, DEBUG, INFO, WARN, ERROR"),
                Arguments.of("LOG_LEVEL", "FATAL", "allowed values are TRACE, DEBUG, INFO, WARN, ERROR"),
                Arguments.of("POSTGRES_HOST", "db server", "expected a host name or IP address"),
                Arguments.of("POSTGRES_HOST", "user@db", "expected a host name or IP address"),
                Arguments.of("SQLITE_URL", "mysql://x/db",
                        "expected sqlite:///relative/file.db (relative to the data directory),"
                                + " sqlite:////absolute/file.db or jdbc:sqlite:/path/to/file.db"),
                Arguments.of("DATABASE_URL", "mysql://u@h/db",
                        "expected postgresql://user:password@host:port/database[?sslmode=...]"
                                + " or jdbc:postgresql://host:port/database"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueGivesOneLineNamingSettingValueAndAllowed(String name, String value, String allowed) {
        InvalidSettingException e = loadExpectingFailure(name, value);

        assertThat(e.setting()).isEqualTo(name);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.allowed()).isEqualTo(allowed);
        assertThat(e.getMessage())
                .isEqualTo("Invalid setting " + name + "='" + value + "': " + allowed)
                .doesNotContain("\n");
    }

    @Test
    void exampleMessageFromTheBrief() {
        InvalidSettingException e = loadExpectingFailure("SYNC_CONFLICT_RESOLUTION", "fastest_wins");

        assertThat(e).hasMessage("Invalid setting SYNC_CONFLICT_RESOLUTION='fastest_wins': "
                + "allowed values are postgresql_wins, sqlite_wins, newest_wins, manual");
    }

    @Test
    void databaseUrlWithoutHostMasksThePassword() {
        InvalidSettingException e = loadExpectingFailure("DATABASE_URL", "postgresql://bob:hunter2@:5432/x");

        assertThat(e).hasMessage("Invalid setting DATABASE_URL='postgresql://bob:****@:5432/x': expected "
                + "postgresql://user:password@host:port/database[?sslmode=...] or jdbc:postgresql://host:port/database");
        assertThat(e.value()).isEqualTo("postgresql://bob:****@:5432/x");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://bob:hunter2@db:99999/x",
        "postgresql://bob:hunter2@db:port/x",
        "postgresql://bob:hunter2@db:5432",
        "postgresql://bob:hunter2@db:5432/",
        "postgresql://bob:hunter2@db/x?sslmode=sometimes",
        "jdbc:postgresql://db/x?user=bob&password=hunter2&sslmode=bogus",
        "jdbc:postgresql:x?password=hunter2",
        "jdbc:mysql://db/x?password=hunter2",
        "http://bob:hunter2@db/x",
        "postgresql://bob:hunter2@db/x%ZZ",
        "postgresql://bob:hun/ter2@db/x",
    })
    void refusedDatabaseUrlsNeverShowThePassword(String url) {
        InvalidSettingException e = loadExpectingFailure("DATABASE_URL", url);

        assertThat(e.setting()).isEqualTo("DATABASE_URL");
        assertThat(e.getMessage()).startsWith("Invalid setting DATABASE_URL='").contains("****")
                .doesNotContain("hunter2").doesNotContain("hun/ter2").doesNotContain("ter2");
        assertThat(e.value()).doesNotContain("ter2");
    }

    @Test
    void badSslModeInsideTheUrlSaysWhatIsAllowed() {
        InvalidSettingException e = loadExpectingFailure("DATABASE_URL", "postgresql://bob:pw@db/x?sslmode=sometimes");

        assertThat(e).hasMessage("Invalid setting DATABASE_URL='postgresql://bob:****@db/x?sslmode=sometimes': "
                + "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void passwordSettingIsNeverEchoed() {
        InvalidSettingException e = new InvalidSettingException("POSTGRES_PASSWORD",
                Setting.POSTGRES_PASSWORD.mask("topsecret"), Setting.POSTGRES_PASSWORD.allowed());

        assertThat(e.getMessage()).doesNotContain("topsecret").contains("'****'");
        assertThat(Setting.POSTGRES_PASSWORD.secret()).isTrue();
        assertThat(Setting.DATABASE_URL.secret()).isFalse();
    }

    @Test
    void useSqliteFalseWithoutPostgresIsRefused() {
        InvalidSettingException e = loadExpectingFailure("USE_SQLITE", "false");

        assertThat(e.setting()).isEqualTo("USE_SQLITE");
        assertThat(e).hasMessage(
                "Invalid setting USE_SQLITE='false': USE_SQLITE=false needs DATABASE_URL or POSTGRES_HOST");
    }

    @Test
    void messageStaysOnOneLineEvenIfTheValueHasNewlines() {
        InvalidSettingException e = loadExpectingFailure("LOG_LEVEL", "INFO\nERROR");

        assertThat(e.getMessage()).doesNotContain("\n").startsWith("Invalid setting LOG_LEVEL='INFO ERROR'");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "1,true", "yes,true", "Yes,true", "false,false", "False,false", "0,false",
        "no,false", "NO,false", "' yes ',true"})
    void booleansAcceptTheDocumentedSpellings(String text, boolean expected) {
        assertThat(Setting.SYNC_ENABLED.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"trace,TRACE", "Debug,DEBUG", "INFO,INFO", "warn,WARN", "error,ERROR"})
    void logLevelIsCaseInsensitive(String text, String expected) {
        assertThat(Setting.LOG_LEVEL.parse(text)).isEqualTo(expected);
    }

    @Test
    void integersParseAtTheirBounds() {
        assertThat(Setting.DB_MAX_OVERFLOW.parse("0")).isEqualTo(0);
        assertThat(Setting.DB_POOL_RECYCLE.parse("30")).isEqualTo(30);
        assertThat(Setting.SYNC_RETRY_ATTEMPTS.parse("100")).isEqualTo(100);
        assertThat(Setting.POSTGRES_PORT.parse("65535")).isEqualTo(65535);
        assertThat(Setting.DB_POOL_SIZE.parse(" 12 ")).isEqualTo(12);
        assertThat(Setting.DB_POOL_SIZE.parse(String.valueOf(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Setting.DB_POOL_SIZE.parse("2147483648")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void defaultsAreDeclared() {
        assertThat(Setting.USE_SQLITE.defaultValue()).contains("true");
        assertThat(Setting.POSTGRES_PORT.defaultValue()).contains("5432");
        assertThat(Setting.POSTGRES_DB.defaultValue()).contains("prontivus");
        assertThat(Setting.POSTGRES_USER.defaultValue()).contains("prontivus");
        assertThat(Setting.POSTGRES_SSL_MODE.defaultValue()).contains("prefer");
        assertThat(Setting.DB_POOL_RECYCLE.defaultValue()).contains("3600");
        assertThat(Setting.SYNC_CONFLICT_RESOLUTION.defaultValue()).contains("postgresql_wins");
        assertThat(Setting.LOG_LEVEL.defaultValue()).contains("INFO");
        assertThat(Setting.DEBUG.defaultValue()).contains("false");
        assertThat(Setting.DATABASE_URL.defaultValue()).isEmpty();
        assertThat(Setting.POSTGRES_PASSWORD.defaultValue()).isEmpty();
        // every declared default must itself be valid
        for (Setting s : Setting.values()) {
            s.defaultValue().ifPresent(s::parse);
        }
    }

    @Test
    void conflictStrategyWireNames() {
        assertThat(ConflictStrategy.POSTGRESQL_WINS.wireName()).isEqualTo("postgresql_wins");
        assertThat(ConflictStrategy.parse("sqlite_wins")).isEqualTo(ConflictStrategy.SQLITE_WINS);
        assertThat(ConflictStrategy.parse(" Newest_Wins ")).isEqualTo(ConflictStrategy.NEWEST_WINS);
        for (ConflictStrategy s : ConflictStrategy.values()) {
            assertThat(ConflictStrategy.parse(s.wireName())).isSameAs(s);
        }
        assertThatThrownBy(() -> ConflictStrategy.parse("postgres_wins"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid setting SYNC_CONFLICT_RESOLUTION='postgres_wins': "
                        + "allowed values are postgresql_wins, sqlite_wins, newest_wins, manual");
    }
}
