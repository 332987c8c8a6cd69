package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Name search checks the words after the rarest one on the candidate's search_name, and a social
 * name's words in the partial index ix_patient_search_terms_social (migration 2026.11.26.1200).
 * SQLite uses a partial index only when it can prove that the query implies the index's WHERE, so
 * the plan of the query the search really builds is checked: with the index of every term instead,
 * a two-word search is a seek per candidate in a tree of four entries per patient again.
 */
class SocialTermsIndexPlanTest extends br.com.prontivus.testing.DialectTestBase {

    @Test
    void theOtherWordsOfADriveUseTheSocialNameIndex() {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        PatientService patients = new PatientService(env.data());
        PatientGenerator generator = new PatientGenerator(5);
        List<PatientDraft> drafts = generator.drafts(0, 200);
        drafts.add(new PatientDraft("Joana Pereira Santos", "Jonas", null, null, null, null, null, null, null));
        patients.registerBatch(ACTOR, drafts);
        UUID clinic = env.data().clinicId();
        NameSearch search = NameSearch.forClinic(clinic);

        List<String> plan = env.data().read(dsl -> {
            var query = search.driveQuery(dsl, List.of("pereira", "jon"), "pereira", 100);
            return dsl.fetch("EXPLAIN QUERY PLAN " + dsl.render(query), query.getBindValues().toArray())
                    .getValues("detail", String.class);
        });
        assertThat(plan).as(String.join("\n", plan))
                .anyMatch(step -> step.contains("ix_patient_search_terms_social"))
                .noneMatch(step -> step.contains("ix_patient_search_terms_patient"));

        // The social-only index holds the social name's words and nothing else.
        List<String> socialTerms = env.data().read(dsl -> dsl.fetch(
                "SELECT term FROM patient_search_terms INDEXED BY ix_patient_search_terms_social"
                        + " WHERE instr(' ' || search_name || ' ', ' ' || term || ' ') = 0 ORDER BY term")
                .getValues(0, String.class));
        List<String> expected = new ArrayList<>();
        for (PatientDraft d : drafts) {
            if (d.socialName() != null) {
                java.util.Set<String> social = new java.util.LinkedHashSet<>(SearchText.terms(d.socialName()));
                social.removeAll(SearchText.terms(d.fullName()));
                expected.addAll(social);
            }
        }
        expected.sort(PatientSearchIndex::compareCodePoints);
        assertThat(socialTerms).contains("jonas").isEqualTo(expected);
        assertThat(patients.search("pereira jon", 10)).extracting(Patient::fullName).contains("Joana Pereira Santos");
        assertThat(patients.search("jonas pereira", 10)).extracting(Patient::fullName).contains("Joana Pereira Santos");
    }
}
