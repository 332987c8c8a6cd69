package br.com.prontivus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationScriptsTest {

    private static final Clock CLOCK =
            Clock.fixed(LocalDateTime.of(2026, 11, 26, 8, 5, 42).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void writesAnUpAndDownScriptForEachDialect() throws Exception {
        MigrationScripts.Created created = MigrationScripts.create(root, "add  patient_notes ", CLOCK);

        assertThat(created.version()).isEqualTo("2026.11.26.0805");
        assertThat(created.all()).containsExactly(
                root.resolve("sqlite/V2026_11_26_0805__add_patient_notes.sql"),
                root.resolve("sqlite/D2026_11_26_0805__add_patient_notes.sql"),
                root.resolve("postgresql/V2026_11_26_0805__add_patient_notes.sql"),
                root.resolve("postgresql/D2026_11_26_0805__add_patient_notes.sql"));
        assertThat(created.all()).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(Files.readString(created.sqliteUp()))
                .startsWith("-- Migration 2026.11.26.0805: add patient notes (SQLite)")
                .contains("D2026_11_26_0805__add_patient_notes.sql");
        assertThat(Files.readString(created.postgresDown()))
                .startsWith("-- Rollback of migration 2026.11.26.0805: add patient notes (PostgreSQL)");
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)).hasSize(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add patient", "drop-table", "", "x;y", "notes.sql", "ção", "   "})
    void refusesABadName(String name) {
        assertThatThrownBy(() -> MigrationScripts.create(root, name, CLOCK))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Invalid migration name");
        assertThat(root.resolve("sqlite")).doesNotExist();
    }

    @Test
    void refusesAVersionThatAlreadyExists() throws Exception {
        MigrationScripts.create(root, "first", CLOCK);

        assertThatThrownBy(() -> MigrationScripts.create(root, "second", CLOCK))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("2026.11.26.0805 already exists")
                .hasMessageContaining("V2026_11_26_0805__first.sql");
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("second"));
        }
    }

    @Test
    void refusesAVersionThatExistsInOnlyOneDialect() throws Exception {
        Files.createDirectories(root.resolve("postgresql"));
        Files.writeString(root.resolve("postgresql/D2026_11_26_0805__other.sql"), "-- left over\n");

        assertThatThrownBy(() -> MigrationScripts.create(root, "mine", CLOCK))
                .isInstanceOf(MigrationException.class).hasMessageContaining("already exists");
        assertThat(root.resolve("sqlite")).doesNotExist();
    }
}
