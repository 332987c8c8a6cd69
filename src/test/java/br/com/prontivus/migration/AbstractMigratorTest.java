package br.com.prontivus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour every dialect must show, run against a real database of each kind. */
abstract class AbstractMigratorTest {

    static final List<String> VERSIONS =
            List.of("2026.11.25.1200", "2026.11.25.1210", "2026.11.25.1220", "2026.11.25.1230",
                    "2026.11.25.1240", "2026.11.25.1300",
                    "2026.11.25.1310", "2026.11.25.1320", "2026.11.26.0900", "2026.11.26.1000",
                    "2026.11.26.1100", "2026.11.26.1200");
    static final String LATEST = VERSIONS.getLast();

    @TempDir
    Path tempDir;

    /** A fresh, empty database (a new file or a new PostgreSQL schema). */
    interface TestDatabase {
        Migrator migrator(MigrationActor actor);

        Migrator migrator(MigrationActor actor, String location);

        /** User tables (and, on PostgreSQL, functions as "function:name"), without Flyway's and our audit table. */
        Set<String> objects() throws SQLException;
    }

    abstract Dialect dialect();

    abstract TestDatabase newDatabase() throws Exception;

    /** Objects created by each of {@link #VERSIONS}, in order. */
    abstract List<Set<String>> objectsByVersion();

    Set<String> expectedUpTo(int appliedCount) {
        Set<String> expected = new LinkedHashSet<>();
        objectsByVersion().subList(0, appliedCount).forEach(expected::addAll);
        return expected;
    }

    Path copyScripts() throws Exception {
        Path source = bundledScripts(dialect());
        Path target = tempDir.resolve("scripts-" + dialect().folderName());
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    static Path bundledScripts(Dialect dialect) throws URISyntaxException {
        return Path.of(AbstractMigratorTest.class.getClassLoader().getResource(dialect.location()).toURI());
    }

    static MigrationActor actor() {
        return new MigrationActor("ana.reception", "0190f7a2-7a5e-7c3e-9d1a-2b4c6d8e0f11");
    }

    private static List<String> versionsOf(MigrationStatus status) {
        return status.applied().stream().map(MigrationStatus.AppliedMigration::version).toList();
    }

    @Test
    void roundTripUpThenDownOneStepAtATimeThenUpAgain() throws Exception {
        TestDatabase db = newDatabase();
        Migrator migrator = db.migrator(actor());

        MigrationOutcome up = migrator.run();
        assertThat(up.versions()).containsExactlyElementsOf(VERSIONS);
        assertThat(up.fromVersion()).isEmpty();
        assertThat(up.toVersion()).contains(VERSIONS.getLast());
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(VERSIONS.size()));

        MigrationStatus status = migrator.status();
        assertThat(status.dialect()).isEqualTo(dialect());
        assertThat(status.currentVersion()).contains(VERSIONS.getLast());
        assertThat(versionsOf(status)).containsExactlyElementsOf(VERSIONS);
        assertThat(status.pending()).isEmpty();
        assertThat(status.applied()).allSatisfy(a -> {
            assertThat(a.success()).isTrue();
            assertThat(a.checksum()).isNotNull();
            assertThat(a.installedOn()).isNotNull();
            assertThat(a.rollbackScriptAvailable()).isTrue();
        });
        assertThat(status.applied().get(1).description()).isEqualTo("create patients and practitioners");

        for (int remaining = VERSIONS.size() - 1; remaining >= 0; remaining--) {
            MigrationOutcome down = migrator.rollback(Optional.empty());
            assertThat(down.versions()).containsExactly(VERSIONS.get(remaining));
            assertThat(db.objects()).as("objects after undoing %s", VERSIONS.get(remaining))
                    .containsExactlyInAnyOrderElementsOf(expectedUpTo(remaining));
            MigrationStatus now = migrator.status();
            Optional<String> expectedCurrent = remaining == 0 ? Optional.empty() : Optional.of(VERSIONS.get(remaining - 1));
            assertThat(now.currentVersion()).isEqualTo(expectedCurrent);
            assertThat(down.toVersion()).isEqualTo(expectedCurrent);
            assertThat(versionsOf(now)).containsExactlyElementsOf(VERSIONS.subList(0, remaining));
            assertThat(now.pending()).extracting(MigrationStatus.PendingMigration::version)
                    .containsExactlyElementsOf(VERSIONS.subList(remaining, VERSIONS.size()));
        }

        MigrationOutcome again = migrator.run();
        assertThat(again.versions()).containsExactlyElementsOf(VERSIONS);
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(VERSIONS.size()));
        assertThat(migrator.status().currentVersion()).contains(VERSIONS.getLast());

        List<MigrationAuditEntry> trail = new ArrayList<>(migrator.auditTrail(100));
        java.util.Collections.reverse(trail); // oldest first
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(MigrationAuditEntry.Outcome.SUCCESS);
            assertThat(e.who()).isEqualTo(actor().who());
            assertThat(e.deviceId()).contains(actor().deviceId());
            assertThat(e.durationMs()).isNotNegative();
        });
        List<MigrationAuditEntry> commands = trail.stream()
                .filter(e -> e.action() != MigrationAction.SNAPSHOT).toList();
        // One migrate up, one rollback per version down to empty, one migrate up again.
        List<MigrationAction> expectedActions = new ArrayList<>();
        List<org.assertj.core.groups.Tuple> expectedSteps = new ArrayList<>();
        expectedActions.add(MigrationAction.MIGRATE);
        expectedSteps.add(org.assertj.core.groups.Tuple.tuple("empty", LATEST));
        for (int i = VERSIONS.size() - 1; i >= 0; i--) {
            expectedActions.add(MigrationAction.ROLLBACK);
            expectedSteps.add(org.assertj.core.groups.Tuple.tuple(VERSIONS.get(i), i == 0 ? "empty" : VERSIONS.get(i - 1)));
        }
        expectedActions.add(MigrationAction.MIGRATE);
        expectedSteps.add(org.assertj.core.groups.Tuple.tuple("empty", LATEST));
        assertThat(commands).extracting(MigrationAuditEntry::action).containsExactlyElementsOf(expectedActions);
        assertThat(commands).extracting(e -> e.fromVersion().orElse("empty"), e -> e.toVersion().orElse("empty"))
                .containsExactlyElementsOf(expectedSteps);
        long snapshots = trail.stream().filter(e -> e.action() == MigrationAction.SNAPSHOT).count();
        // SQLite: one before each rollback and one before migrating the (non-empty) file again.
        assertThat(snapshots).isEqualTo(dialect() == Dialect.SQLITE ? VERSIONS.size() + 1 : 0);
    }

    @Test
    void rollbackToAVersionUndoesOnlyTheNewerOnesNewestFirst() throws Exception {
        TestDatabase db = newDatabase();
        Migrator migrator = db.migrator(actor());
        migrator.run();

        MigrationOutcome outcome = migrator.rollback(Optional.of("2026.11.25.1210"));

        assertThat(outcome.versions()).containsExactly("2026.11.26.1200", "2026.11.26.1100", "2026.11.26.1000", "2026.11.26.0900", "2026.11.25.1320", "2026.11.25.1310",
                "2026.11.25.1300", "2026.11.25.1240", "2026.11.25.1230", "2026.11.25.1220");
        assertThat(outcome.fromVersion()).contains(LATEST);
        assertThat(outcome.toVersion()).contains("2026.11.25.1210");
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(2));
        assertThat(migrator.status().currentVersion()).contains("2026.11.25.1210");

        assertThat(migrator.rollback(Optional.of("2026.11.25.1210")).versions())
                .as("already there: nothing to undo").isEmpty();
        assertThatThrownBy(() -> migrator.rollback(Optional.of("2026.11.25.1220")))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("2026.11.25.1220")
                .hasMessageContaining("not applied");
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(2));

        assertThat(migrator.rollback(Optional.of("empty")).versions())
                .containsExactly("2026.11.25.1210", "2026.11.25.1200");
        assertThat(db.objects()).isEmpty();
        assertThat(migrator.status().currentVersion()).isEmpty();
    }

    @Test
    void validationOfAFreshDatabaseDoesNotStopTheFirstMigration() throws Exception {
        TestDatabase db = newDatabase();
        Migrator migrator = db.migrator(actor());

        assertThat(migrator.validate().valid()).isTrue();
        migrator.validateOrThrow();
        assertThat(migrator.run("2026.11.25.1210").versions()).containsExactly(VERSIONS.get(0), VERSIONS.get(1));
        assertThat(migrator.validate().valid()).as("pending migrations are no problem").isTrue();
        assertThat(migrator.run().versions()).containsExactlyElementsOf(VERSIONS.subList(2, VERSIONS.size()));
        assertThat(migrator.run().versions()).as("nothing pending").isEmpty();
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(VERSIONS.size()));
        assertThatThrownBy(() -> migrator.run("2026.11.25.1210"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("already at version " + LATEST);
        assertThatThrownBy(() -> migrator.run("2026.12.01.0900"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("no migration 2026.12.01.0900");
    }

    @Test
    void anAppliedScriptEditedAfterwardsFailsValidationWithAClearMessage() throws Exception {
        TestDatabase db = newDatabase();
        Path scripts = copyScripts();
        Migrator migrator = db.migrator(actor(), "filesystem:" + scripts);
        migrator.run();
        Integer appliedChecksum = migrator.status().applied().get(1).checksum();

        Path edited = scripts.resolve("V2026_11_25_1210__create_patients_and_practitioners.sql");
        Files.writeString(edited, Files.readString(edited).replace("CREATE INDEX ix_patients_phone",
                "CREATE INDEX ix_patients_phone_edited"));

        ValidationResult result = migrator.validate();

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo("2026.11.25.1210");
            assertThat(p.kind()).isEqualTo(ValidationResult.Kind.CHANGED_AFTER_APPLIED);
            assertThat(p.message()).matches(
                    "Migration 2026\\.11\\.25\\.1210 \\(create patients and practitioners\\) was changed after it"
                            + " was applied to .+: checksum " + appliedChecksum
                            + " in the database, -?\\d+ in the script");
            assertThat(p.message()).doesNotEndWith("checksum " + appliedChecksum + " in the script");
        });
        String expected = result.problems().getFirst().message();
        assertThatThrownBy(migrator::validateOrThrow).isInstanceOf(MigrationException.class).hasMessage(expected);
        assertThatThrownBy(migrator::run).isInstanceOf(MigrationException.class)
                .hasMessageContaining("was changed after it was applied").hasMessageNotContaining("\n");

        List<MigrationAuditEntry> trail = migrator.auditTrail(3);
        assertThat(trail).extracting(MigrationAuditEntry::action)
                .containsExactly(MigrationAction.MIGRATE, MigrationAction.VALIDATE, MigrationAction.VALIDATE);
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(MigrationAuditEntry.Outcome.FAILURE);
            assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains("2026.11.25.1210"));
        });
    }

    @Test
    void anAppliedMigrationWhoseScriptIsGoneFailsValidation() throws Exception {
        TestDatabase db = newDatabase();
        Path scripts = copyScripts();
        Migrator migrator = db.migrator(actor(), "filesystem:" + scripts);
        migrator.run();
        Files.delete(scripts.resolve("V2026_11_25_1220__create_appointments_and_audit.sql"));

        ValidationResult result = migrator.validate();

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ValidationResult.Kind.SCRIPT_MISSING);
            assertThat(p.message()).startsWith("Migration 2026.11.25.1220 (create appointments and audit) was applied to ")
                    .contains("its script is missing from " + scripts);
        });
        assertThat(migrator.status().applied().get(2).scriptAvailable()).isFalse();
    }

    @Test
    void aFailingMigrationLeavesThePreviousVersionAndIsAudited() throws Exception {
        TestDatabase db = newDatabase();
        Path scripts = copyScripts();
        Migrator migrator = db.migrator(actor(), "filesystem:" + scripts);
        migrator.run();
        Files.writeString(scripts.resolve("V2099_12_31_2359__broken_change.sql"),
                "CREATE TABLE created_before_failure (x integer);\nCREATE TABLE broken (;\n");

        assertThatThrownBy(migrator::run)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2099_12_31_2359__broken_change.sql, line 2")
                .hasMessageContaining("now at version " + LATEST)
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\tat ");

        MigrationStatus status = migrator.status();
        assertThat(status.currentVersion()).contains(LATEST);
        assertThat(status.pending()).extracting(MigrationStatus.PendingMigration::version)
                .containsExactly("2099.12.31.2359");
        assertThat(status.pending().getFirst().rollbackScriptAvailable()).isFalse();
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(VERSIONS.size()));

        MigrationAuditEntry last = migrator.auditTrail(1).getFirst();
        assertThat(last.action()).isEqualTo(MigrationAction.MIGRATE);
        assertThat(last.outcome()).isEqualTo(MigrationAuditEntry.Outcome.FAILURE);
        assertThat(last.fromVersion()).contains(LATEST);
        assertThat(last.toVersion()).contains(LATEST);
        assertThat(last.detail()).hasValueSatisfying(d -> assertThat(d).contains("broken_change"));
    }

    @Test
    void aMissingRollbackScriptRefusesTheRollbackBeforeChangingAnything() throws Exception {
        TestDatabase db = newDatabase();
        Path scripts = copyScripts();
        Migrator migrator = db.migrator(actor(), "filesystem:" + scripts);
        migrator.run();
        Files.delete(scripts.resolve("D2026_11_25_1220__create_appointments_and_audit.sql"));
        assertThat(migrator.status().applied().get(2).rollbackScriptAvailable()).isFalse();

        assertThatThrownBy(() -> migrator.rollback(Optional.of("2026.11.25.1200")))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("D2026_11_25_1220__create_appointments_and_audit.sql")
                .hasMessageContaining("nothing was changed");

        assertThat(migrator.status().currentVersion()).contains(LATEST);
        assertThat(db.objects()).containsExactlyInAnyOrderElementsOf(expectedUpTo(VERSIONS.size()));
        List<MigrationAuditEntry> trail = migrator.auditTrail(2);
        assertThat(trail).extracting(MigrationAuditEntry::action)
                .as("refused before any snapshot").containsExactly(MigrationAction.ROLLBACK, MigrationAction.MIGRATE);
        assertThat(trail.getFirst().outcome()).isEqualTo(MigrationAuditEntry.Outcome.FAILURE);
    }
}
