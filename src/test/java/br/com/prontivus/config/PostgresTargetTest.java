package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresTargetTest {

    @TempDir
    Path data;

    private static final PostgresTarget.Defaults STD = PostgresTarget.Defaults.STANDARD;

    private AppConfig load(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("PRONTIVUS_HOME", data.toString());
        return ConfigLoader.load(Map.of(), e, "Linux", data);
    }

    @Test
    void fullPostgresqlUrl() {
        PostgresTarget t = PostgresTarget.parse("postgresql://clinic:s3cret@db.example.com:6543/front?sslmode=require", STD);

        assertThat(t).isEqualTo(new PostgresTarget("db.example.com", 6543, "front", "clinic", "s3cret", "require"));
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/front?sslmode=require");
        assertThat(t.maskedUrl()).isEqualTo("postgresql://clinic:****@db.example.com:6543/front?sslmode=require");
    }

    @Test
    void postgresSchemeAndOptionalParts() {
        PostgresTarget t = PostgresTarget.parse("postgres://db/front", STD);

        assertThat(t).isEqualTo(new PostgresTarget("db", 5432, "front", "prontivus", null, "prefer"));
        assertThat(t.maskedUrl()).isEqualTo("postgresql://prontivus@db:5432/front?sslmode=prefer");
    }

    @Test
    void userWithoutPassword() {
        PostgresTarget t = PostgresTarget.parse("postgresql://reception@db:5432/front", STD);

        assertThat(t.user()).isEqualTo("reception");
        assertThat(t.password()).isNull();
    }

    @Test
    void percentEncodedUserAndPasswordAreDecoded() {
        PostgresTarget t = PostgresTarget.parse("postgresql://dr%20ana:p%40ss%3Aw%2Frd%2B%25@db/front", STD);

        assertThat(t.user()).isEqualTo("dr ana");
        assertThat(t.password()).isEqualTo("p@ss:w/rd+%");
        assertThat(t.toString()).doesNotContain("p@ss").doesNotContain("w/rd");
        assertThat(t.maskedUrl()).isEqualTo("postgresql://dr%20ana:****@db:5432/front?sslmode=prefer");
    }

    @Test
    void plusSignInPasswordIsNotASpace() {
        assertThat(PostgresTarget.parse("postgresql://u:a+b@db/x", STD).password()).isEqualTo("a+b");
    }

    @Test
    void unencodedAtSignInPasswordIsTolerated() {
        PostgresTarget t = PostgresTarget.parse("postgresql://u:p@ss@db/x", STD);

        assertThat(t.host()).isEqualTo("db");
        assertThat(t.password()).isEqualTo("p@ss");
    }

    @Test
    void utf8PercentEncoding() {
        assertThat(PostgresTarget.parse("postgresql://jos%C3%A9:senha@db/cl%C3%ADnica", STD))
                .extracting(PostgresTarget::user, PostgresTarget::database)
                .containsExactly("jos\u00e9", "cl\u00ednica");
    }

    @Test
    void jdbcUrlWithCredentialsInQuery() {
        PostgresTarget t = PostgresTarget.parse(
                "jdbc:postgresql://10.0.0.5:5433/front?user=clinic&password=pa%26ss&sslmode=verify-full", STD);

        assertThat(t).isEqualTo(new PostgresTarget("10.0.0.5", 5433, "front", "clinic", "pa&ss", "verify-full"));
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5433/front?sslmode=verify-full");
    }

    @Test
    void jdbcUrlWithoutQuery() {
        assertThat(PostgresTarget.parse("jdbc:postgresql://db/front", STD))
                .isEqualTo(new PostgresTarget("db", 5432, "front", "prontivus", null, "prefer"));
    }

    @Test
    void ipv6Host() {
        PostgresTarget t = PostgresTarget.parse("postgresql://u:p@[::1]:5433/x", STD);

        assertThat(t.host()).isEqualTo("::1");
        assertThat(t.port()).isEqualTo(5433);
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/x?sslmode=prefer");
    }

    @Test
    void schemeIsCaseInsensitiveAndSslModeToo() {
        assertThat(PostgresTarget.parse("PostgreSQL://db/x?sslmode=DISABLE", STD).sslMode()).isEqualTo("disable");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mysql://u:p@db/x", "postgresql:/db/x", "postgresql://", "postgresql://db", "postgresql://db/",
        "postgresql://:5432/x", "postgresql://db:0/x", "postgresql://db:65536/x", "postgresql://db:-1/x",
        "postgresql://db:/x", "postgresql://db:54a/x", "jdbc:postgresql:x", "jdbc:postgresql://db",
        "postgresql://d b/x", "postgresql://[::1/x", "postgresql://db/a/b", "", "  ",
    })
    void refusedForms(String url) {
        assertThatThrownBy(() -> PostgresTarget.parse(url, STD))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("DATABASE_URL"));
    }

    @Test
    void toStringNeverRevealsThePassword() {
        PostgresTarget t = new PostgresTarget("db", 5432, "x", "u", "hunter2", "prefer");

        assertThat(t.toString()).doesNotContain("hunter2").contains("password=****");
        assertThat(t.maskedUrl()).doesNotContain("hunter2");
        assertThat(t.jdbcUrl()).doesNotContain("hunter2").doesNotContain("u@");
        assertThat(new PostgresTarget.Defaults(1, "u", "hunter2", "prefer").toString()).doesNotContain("hunter2");
    }

    @Test
    void recordRejectsNonsense() {
        assertThatThrownBy(() -> new PostgresTarget("", 5432, "x", "u", null, "prefer"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresTarget("db", 5432, "x", "u", null, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresTarget("db", 70000, "x", "u", null, "prefer"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- through the loader ----------------------------------------------------------------------------------

    @Test
    void assembledFromPostgresSettings() {
        AppConfig c = load(Map.of("POSTGRES_HOST", "db.local", "POSTGRES_PORT", "6000", "POSTGRES_DB", "front",
                "POSTGRES_USER", "desk", "POSTGRES_PASSWORD", "pw", "POSTGRES_SSL_MODE", "verify-ca"));

        assertThat(c.postgres()).contains(new PostgresTarget("db.local", 6000, "front", "desk", "pw", "verify-ca"));
        assertThat(c.effective(Setting.POSTGRES_PASSWORD))
                .isEqualTo(new SettingValue("POSTGRES_PASSWORD", "****", Source.ENVIRONMENT));
    }

    @Test
    void assembledWithDefaults() {
        AppConfig c = load(Map.of("POSTGRES_HOST", "db.local"));

        assertThat(c.postgres()).contains(new PostgresTarget("db.local", 5432, "prontivus", "prontivus", null, "prefer"));
    }

    @Test
    void bracketedIpv6PostgresHost() {
        AppConfig c = load(Map.of("POSTGRES_HOST", "[fe80::1]"));

        assertThat(c.postgres()).get().extracting(PostgresTarget::host).isEqualTo("fe80::1");
    }

    @Test
    void databaseUrlWinsOverPostgresSettings() {
        AppConfig c = load(Map.of("DATABASE_URL", "postgresql://a:b@url-host:7000/urldb?sslmode=disable",
                "POSTGRES_HOST", "env-host", "POSTGRES_PORT", "6000", "POSTGRES_DB", "envdb",
                "POSTGRES_USER", "envuser", "POSTGRES_PASSWORD", "envpw", "POSTGRES_SSL_MODE", "require"));

        assertThat(c.postgres()).contains(new PostgresTarget("url-host", 7000, "urldb", "a", "b", "disable"));
    }

    @Test
    void explicitSslModeAppliesWhenUrlHasNone() {
        AppConfig c = load(Map.of("DATABASE_URL", "postgresql://a:b@h/db", "POSTGRES_SSL_MODE", "require"));

        assertThat(c.postgres()).get().extracting(PostgresTarget::sslMode).isEqualTo("require");
        assertThat(c.postgres().get().jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
    }

    @Test
    void postgresSettingsFillWhatTheUrlLeavesOut() {
        AppConfig c = load(Map.of("DATABASE_URL", "postgresql://h/db", "POSTGRES_USER", "desk",
                "POSTGRES_PASSWORD", "pw", "POSTGRES_PORT", "6000"));

        assertThat(c.postgres()).contains(new PostgresTarget("h", 6000, "db", "desk", "pw", "prefer"));
    }

    @Test
    void effectiveMasksThePasswordInTheUrl() {
        AppConfig c = load(Map.of("DATABASE_URL", "postgresql://a:hunter2@h/db"));

        assertThat(c.effective(Setting.DATABASE_URL))
                .isEqualTo(new SettingValue("DATABASE_URL", "postgresql://a:****@h/db", Source.ENVIRONMENT));
        assertThat(c.effective()).extracting(SettingValue::value).noneMatch(v -> v != null && v.contains("hunter2"));
        assertThat(c.toString()).doesNotContain("hunter2");
    }

    @Test
    void effectiveMasksAJdbcQueryPassword() {
        AppConfig c = load(Map.of("DATABASE_URL", "jdbc:postgresql://h/db?user=a&password=hunter2&sslmode=require"));

        assertThat(c.effective(Setting.DATABASE_URL).value())
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=****&sslmode=require");
        assertThat(c.postgres()).get().extracting(PostgresTarget::password).isEqualTo("hunter2");
    }

    @Test
    void passwordIsUsedVerbatimIncludingSpaces() {
        AppConfig c = load(Map.of("POSTGRES_HOST", "h", "POSTGRES_PASSWORD", " pw "));

        assertThat(c.postgres()).get().extracting(PostgresTarget::password).isEqualTo(" pw ");
    }
}
