package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModeAndSqliteTest {

    @TempDir
    Path data;

    private AppConfig load(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("PRONTIVUS_HOME", data.toString());
        return ConfigLoader.load(Map.of(), e, "Linux", data);
    }

    @ParameterizedTest(name = "USE_DATABASE={0} USE_SQLITE={1} postgres={2} -> {3}")
    @CsvSource({
        "true,  true,  none, OFFLINE",
        "true,  true,  url,  HYBRID",
        "true,  true,  host, HYBRID",
        "true,  false, url,  CLOUD",
        "true,  false, host, CLOUD",
        "false, true,  none, NO_PERSISTENCE",
        "false, true,  url,  NO_PERSISTENCE",
        "false, false, none, NO_PERSISTENCE",
        "false, false, host, NO_PERSISTENCE",
    })
    void modeMatrix(String useDatabase, String useSqlite, String postgres, Mode expected) {
        Map<String, String> env = new HashMap<>();
        env.put("USE_DATABASE", useDatabase);
        env.put("USE_SQLITE", useSqlite);
        switch (postgres) {
            case "url" -> env.put("DATABASE_URL", "postgresql://u:p@db/x");
            case "host" -> env.put("POSTGRES_HOST", "db");
            default -> { }
        }

        AppConfig c = load(env);

        assertThat(c.mode()).isEqualTo(expected);
        assertThat(c.useDatabase()).isEqualTo(Boolean.parseBoolean(useDatabase));
        assertThat(c.useSqlite()).isEqualTo(Boolean.parseBoolean(useSqlite));
        assertThat(c.postgres().isPresent()).isEqualTo(!postgres.equals("none"));
    }

    @Test
    void cloudWithoutPostgresIsRefused() {
        assertThatThrownBy(() -> load(Map.of("USE_SQLITE", "no")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid setting USE_SQLITE='no': USE_SQLITE=false needs DATABASE_URL or POSTGRES_HOST");
    }

    @Test
    void defaultSqliteFileIsInTheDataDirectory() {
        assertThat(load(Map.of()).sqlitePath()).isEqualTo(data.resolve("prontivus.db"));
        assertThat(load(Map.of()).sqliteJdbcUrl()).isEqualTo("jdbc:sqlite:" + data.resolve("prontivus.db"));
    }

    @ParameterizedTest
    @CsvSource({
        "sqlite:///./clinic.db,        clinic.db",
        "sqlite:///clinic.db,          clinic.db",
        "sqlite:///sub/dir/../c.db,    sub/c.db",
        "jdbc:sqlite:clinic.db,        clinic.db",
        "jdbc:sqlite:./x/clinic.db,    x/clinic.db",
    })
    void relativeSqliteUrlsResolveAgainstTheDataDirectoryNotTheCwd(String url, String relative) {
        AppConfig c = load(Map.of("SQLITE_URL", url));

        assertThat(c.sqlitePath()).isEqualTo(data.resolve(relative)).isAbsolute();
        assertThat(c.effective(Setting.SQLITE_URL))
                .isEqualTo(new SettingValue("SQLITE_URL", "jdbc:sqlite:" + data.resolve(relative), Source.ENVIRONMENT));
    }

    @Test
    void absoluteSqliteUrls() {
        Path abs = data.resolve("elsewhere").resolve("clinic.db");
        String unix = abs.toString().replace('\\', '/');

        assertThat(load(Map.of("SQLITE_URL", "sqlite:///" + (unix.startsWith("/") ? unix : "/" + unix))).sqlitePath())
                .isEqualTo(abs);
        assertThat(load(Map.of("SQLITE_URL", "jdbc:sqlite:" + abs)).sqlitePath()).isEqualTo(abs);
    }

    @Test
    void fourSlashFormIsAbsolute() {
        org.junit.jupiter.api.Assumptions.assumeTrue(data.getFileSystem().getSeparator().equals("/"));

        assertThat(load(Map.of("SQLITE_URL", "sqlite:////var/lib/prontivus/clinic.db")).sqlitePath())
                .isEqualTo(Path.of("/var/lib/prontivus/clinic.db"));
    }

    @ParameterizedTest
    @CsvSource({
        "sqlite://", "sqlite:///", "sqlite:///:memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:", "sqlite:///dir/",
        "jdbc:sqlite:file:x.db?mode=ro", "sqlite:///x.db?mode=ro", "/plain/path.db", "clinic.db", "sqlite:/x.db",
    })
    void refusedSqliteUrls(String url) {
        assertThatThrownBy(() -> load(Map.of("SQLITE_URL", url)))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("SQLITE_URL"))
                .hasMessageStartingWith("Invalid setting SQLITE_URL='" + url + "': expected sqlite:///");
    }
}
