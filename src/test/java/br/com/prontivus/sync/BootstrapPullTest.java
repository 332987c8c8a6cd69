package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap path (a new desktop's first pull from version 0, many chunks, a widened page cache,
 * search terms written per chunk in key order) must leave exactly the rows and name-search terms
 * that the per-row path leaves on the desktop that wrote them.
 */
class BootstrapPullTest {

    @TempDir
    Path dir;

    @Test
    void aBootstrappedDesktopHasTheSameRowsAndSearchTermsAsTheOneThatWroteThem() {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = w.first("boot-a", Map.of());
            String[] names = {"José da Silva", "Maria Souza", "Ângela Conceição", "João Pereira Lima",
                    "Ana Maria", "Zé Ninguém", "Lúcia de Fátima", "Ana Beatriz Souza"};
            List<Patient> patients = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String social = i % 5 == 0 ? "Nome Social " + i : null;
                patients.add(a.services().patients().register(Desktop.ACTOR,
                        new PatientDraft(names[i % names.length] + " " + i, social, null, null, null, null, null, null, null)));
            }
            for (int i = 0; i < 10; i++) { // renamed after registration: the per-row path re-indexed them
                Edits.set(a, patients.get(i).id(), "full_name", "Renomeado Índio " + i);
            }
            for (int i = 10; i < 15; i++) { // deleted: no terms on either side
                a.services().patients().delete(Desktop.ACTOR, patients.get(i).id());
            }
            requireOk(a.sync());

            Desktop b = w.open("boot-b", Map.of()).join(a.clinicId());
            String before = writerSettings(b);
            SyncEngine engine = SyncWorld.engine(b, 500, 7, 3); // many small chunks
            List<String> duringPull = new ArrayList<>();
            engine.observer(new SyncObserver() {
                @Override
                public void pulled(int rows, long cursor) {
                    duringPull.add(writerSettings(b));
                }
            });
            SyncEngine.Report r = requireOk(engine.syncNow());
            assertThat(duringPull).hasSizeGreaterThan(5).containsOnly(
                    -Puller.BOOTSTRAP_CACHE_KIB + "/" + Puller.BOOTSTRAP_WAL_AUTOCHECKPOINT);
            assertThat(r.pulled()).isGreaterThan(60);

            assertThat(terms(b)).isEqualTo(terms(a)).hasSizeGreaterThan(100);
            assertThat(patientRows(b)).isEqualTo(patientRows(a));
            assertThat(b.services().patients().search("renomeado", 100)).hasSize(10);
            assertThat(b.services().patients().search("angela", 100)).extracting(Patient::id)
                    .containsExactlyInAnyOrderElementsOf(a.services().patients().search("angela", 100).stream()
                            .map(Patient::id).toList());
            assertThat(writerSettings(b)).as("the bootstrap's cache and checkpoint interval are put back")
                    .isEqualTo(before).isNotEqualTo(duringPull.getFirst());
        }
    }

    private static Set<String> terms(Desktop d) {
        return d.local().read(dsl -> new TreeSet<>(dsl.select(Schema.PatientSearchTerms.CLINIC_ID,
                        Schema.PatientSearchTerms.TERM, Schema.PatientSearchTerms.PATIENT_ID)
                .from(Schema.PatientSearchTerms.TABLE)
                .fetch(x -> x.value1() + "|" + x.value2() + "|" + x.value3())));
    }

    private static Set<String> patientRows(Desktop d) {
        var p = Schema.PATIENTS;
        return d.local().read(dsl -> new TreeSet<>(dsl.select(p.allFields()).from(p.table())
                .fetch(x -> x.intoList().toString())));
    }

    /** The writer connection's page cache and WAL auto-checkpoint ("cache/pages"). */
    private static String writerSettings(Desktop d) {
        return d.local().write(dsl -> dsl.fetchOne("PRAGMA cache_size").get(0, Integer.class) + "/"
                + dsl.fetchOne("PRAGMA wal_autocheckpoint").get(0, Integer.class));
    }
}
