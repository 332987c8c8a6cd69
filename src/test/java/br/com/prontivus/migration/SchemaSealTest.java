package br.com.prontivus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.migration.Migrator.StartCheck;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check's seal ({@link Migrator#prepareForStart}): Flyway is skipped only when the scripts
 * and the history are exactly those of the last successful validation; every change that Flyway's
 * validation would notice makes the full check run again, and refuse where it refuses.
 */
class SchemaSealTest {

    @TempDir
    Path tempDir;

    private Path copyScripts() throws Exception {
        Path target = tempDir.resolve("scripts");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(AbstractMigratorTest.bundledScripts(Dialect.SQLITE))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    private Migrator migrator(Path file, Path scripts) {
        return Migrator.forSqlite(file, AbstractMigratorTest.actor(), "filesystem:" + scripts);
    }

    @Test
    void aFreshFileIsMigratedThenLaterStartsSkipFlyway() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path scripts = copyScripts();

        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.MIGRATED);
        assertThat(SchemaSeal.fileFor(file)).isRegularFile();
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.SEALED);
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.SEALED);
    }

    @Test
    void anAppliedScriptEditedAfterTheSealStillRefusesTheStart() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path scripts = copyScripts();
        migrator(file, scripts).prepareForStart(true);
        Path edited = scripts.resolve("V2026_11_25_1210__create_patients_and_practitioners.sql");
        Files.writeString(edited, Files.readString(edited).replace("CREATE INDEX ix_patients_phone",
                "CREATE INDEX ix_patients_phone_edited"));

        assertThatThrownBy(() -> migrator(file, scripts).prepareForStart(true)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("2026.11.25.1210").hasMessageContaining("was changed after it was applied");
        // and again: a refused start never records a seal
        assertThatThrownBy(() -> migrator(file, scripts).prepareForStart(true)).isInstanceOf(MigrationException.class);
    }

    @Test
    void aHandEditedHistoryIsValidatedAgain() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path scripts = copyScripts();
        migrator(file, scripts).prepareForStart(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2026.11.25.1220'");
        }

        assertThatThrownBy(() -> migrator(file, scripts).prepareForStart(true)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("2026.11.25.1220");
    }

    @Test
    void newScriptsAreAppliedAndAPendingSchemaIsNeverSealed() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path scripts = copyScripts();
        migrator(file, scripts).prepareForStart(true);
        Files.writeString(scripts.resolve("V2026_12_01_0930__add_allergies.sql"),
                "ALTER TABLE patients ADD COLUMN allergies TEXT;\n");
        Files.writeString(scripts.resolve("D2026_12_01_0930__add_allergies.sql"),
                "ALTER TABLE patients DROP COLUMN allergies;\n");

        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.MIGRATED);
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.SEALED);

        migrator(file, scripts).rollback(java.util.Optional.empty()); // the history changes under the seal
        // A start that does not migrate validates, and must not seal the pending script away.
        assertThat(migrator(file, scripts).prepareForStart(false)).isEqualTo(StartCheck.VALIDATED);
        assertThat(migrator(file, scripts).prepareForStart(false)).isEqualTo(StartCheck.VALIDATED);
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.MIGRATED);
        assertThat(columns(file)).contains("allergies");
    }

    private static List<String> columns(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT name FROM pragma_table_info('patients')")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    @Test
    void aLostOrGarbledSealOnlyCostsOneFullCheck() throws Exception {
        Path file = tempDir.resolve("clinic.db");
        Path scripts = copyScripts();
        migrator(file, scripts).prepareForStart(true);

        Files.writeString(SchemaSeal.fileFor(file), "not a seal");
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.VALIDATED);
        Files.delete(SchemaSeal.fileFor(file));
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.VALIDATED);
        assertThat(migrator(file, scripts).prepareForStart(true)).isEqualTo(StartCheck.SEALED);
    }

    @Test
    void scriptsAreListedFromAJarAsFromAFolder() throws Exception {
        Path jar = tempDir.resolve("scripts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("db/", "db/x/", "db/x/V1__a.sql", "db/x/D1__a.sql", "db/x/notes.txt",
                    "db/x/sub/V2__b.sql", "db/y/V3__c.sql")) {
                out.putNextEntry(new JarEntry(name));
                if (name.endsWith(".sql")) {
                    out.write(("-- " + name).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ScriptLocation location = ScriptLocation.of("classpath:db/x", loader);
            assertThat(location.scriptNames()).containsExactly("D1__a.sql", "V1__a.sql");
            assertThat(location.read("V1__a.sql")).contains("-- db/x/V1__a.sql");
            assertThat(ScriptLocation.of("classpath:db/none", loader).scriptNames()).isEmpty();
        }
        Path folder = tempDir.resolve("folder");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("V1__a.sql"), "x");
        Files.writeString(folder.resolve("sub/V2__b.sql"), "x");
        Files.writeString(folder.resolve("readme.md"), "x");
        assertThat(ScriptLocation.of("filesystem:" + folder).scriptNames()).containsExactly("V1__a.sql");
    }
}
