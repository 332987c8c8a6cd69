package br.com.prontivus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md ("Layers"): lower layers never import upper ones, the
 * entry points do not know each other, and the UI never touches JDBC or jOOQ.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("br.com.prontivus");
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("br.com.prontivus")
                .layer("Entry").definedBy("..prontivus.cli..", "..prontivus.ui..", "..prontivus.api..")
                .layer("Bench").definedBy("..prontivus.bench..")
                .layer("App").definedBy("..prontivus.app..")
                .layer("Clinic").definedBy("..prontivus.clinic..")
                .layer("Sync").definedBy("..prontivus.sync..")
                .layer("Monitor").definedBy("..prontivus.monitor..")
                .layer("Store").definedBy("..prontivus.store..")
                .layer("Migration").definedBy("..prontivus.migration..")
                .layer("Config").definedBy("..prontivus.config..", "..prontivus.i18n..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("Entry").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("App").mayOnlyBeAccessedByLayers("Bench", "Entry", "Launcher")
                .whereLayer("Clinic").mayOnlyBeAccessedByLayers("App", "Bench", "Entry", "Launcher")
                .whereLayer("Sync").mayOnlyBeAccessedByLayers("Clinic", "App", "Bench", "Entry", "Launcher")
                .whereLayer("Monitor").mayOnlyBeAccessedByLayers("Clinic", "App", "Bench", "Entry", "Launcher")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Sync", "Monitor", "Clinic", "App", "Bench", "Entry")
                .whereLayer("Migration").mayOnlyBeAccessedByLayers("Sync", "Monitor", "Clinic", "App", "Bench", "Entry")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void storeAndMigrationDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("..prontivus.store..")
                .should().dependOnClassesThat().resideInAPackage("..prontivus.migration..")
                .check(classes);
        noClasses().that().resideInAPackage("..prontivus.migration..")
                .should().dependOnClassesThat().resideInAPackage("..prontivus.store..")
                .check(classes);
    }

    @Test
    void syncAndMonitorDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("..prontivus.sync..")
                .should().dependOnClassesThat().resideInAPackage("..prontivus.monitor..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("..prontivus.monitor..")
                .should().dependOnClassesThat().resideInAPackage("..prontivus.sync..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void entryPointsDoNotKnowEachOther() {
        String[] entries = {"..prontivus.cli..", "..prontivus.ui..", "..prontivus.api.."};
        for (String from : entries) {
            for (String to : entries) {
                if (!from.equals(to)) {
                    noClasses().that().resideInAPackage(from)
                            .should().dependOnClassesThat().resideInAPackage(to)
                            .allowEmptyShould(true)
                            .check(classes);
                }
            }
        }
    }

    @Test
    void benchmarksAreReachedOnlyFromTheCommandLine() {
        noClasses().that().resideInAnyPackage("..prontivus.ui..", "..prontivus.api..")
                .should().dependOnClassesThat().resideInAPackage("..prontivus.bench..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void uiNeverTouchesJdbcOrJooq() {
        noClasses().that().resideInAPackage("..prontivus.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.jooq..",
                        "org.flywaydb..", "com.zaxxer..", "..prontivus.store..", "..prontivus.migration..")
                .check(classes);
    }

    @Test
    void onlyTheLauncherAndUiLoadJavaFx() {
        noClasses().that().resideOutsideOfPackages("..prontivus.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
                .check(classes);
    }
}
