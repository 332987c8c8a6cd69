package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every plan of {@link NameSearch} — the drive, the bounded walk that finds enough, the walk that
 * comes up short and falls back — returns exactly what a brute-force reference over all live
 * patients returns: same patients, same order, same limit.
 */
class NameSearchTest extends br.com.prontivus.testing.DialectTestBase {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyPlanReturnsTheReferenceResult(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        PatientGenerator generator = new PatientGenerator(42);
        List<PatientDraft> drafts = generator.drafts(0, 400);
        // Names that share prefixes and equal names (ties broken by id), plus a social name.
        drafts.add(new PatientDraft("Maria Maria Marques", null, null, null, null, null, null, null, null));
        drafts.add(new PatientDraft("Maria Maria Marques", "Mara", null, null, null, null, null, null, null));
        // Five words matching "mar": the drive's window of twice the limit fills with one patient (DISTINCT fallback).
        drafts.add(new PatientDraft("Aa Mara Marcos Mariano Marta Marli", null, null, null, null, null, null, null, null));
        List<UUID> ids = patients.registerBatch(ACTOR, drafts).stream().map(PatientService.BatchRow::id).toList();
        for (int i = 0; i < 400; i += 10) { // generated patients only: the hand-written ones stay live
            patients.delete(ACTOR, ids.get(i));
        }
        Patient renamed = patients.get(ids.get(5)).orElseThrow();
        patients.update(ACTOR, renamed.id(), new PatientDraft("Aaron Zózimo", null, renamed.cpf(), renamed.birthDate(),
                renamed.sex(), renamed.phone(), renamed.email(), null, null));
        List<Patient> live = patients.list(10_000, 0);

        UUID clinic = env.data().clinicId();
        List<NameSearch> plans = List.of(
                new NameSearch(clinic, Integer.MAX_VALUE, 0), // always the drive
                new NameSearch(clinic, 1, 10_000), // always the walk, over every patient: never short
                new NameSearch(clinic, 1, 30), // a short walk: enough for common words, else the drive
                NameSearch.forClinic(clinic));
        List<String> queries = List.of("m", "ma", "mar", "maria", "maria mar", "mar maria", "a", "s", "j", "jo",
                "zoz", "aaron zo", "mara", "de", "silva s", "antonio", "q", "x", "zzz",
                // the second word found only in a social name, in the full name, or in both
                "maria mara", "mara maria", "marq mara", "maria marq", "mar ma", "maria maria");
        for (String query : queries) {
            List<String> words = List.copyOf(SearchText.terms(query));
            for (int limit : new int[] {1, 3, 10, 50}) {
                List<UUID> expected = reference(live, words, limit);
                for (NameSearch plan : plans) {
                    List<UUID> got = env.data().read(dsl -> plan.search(dsl, words, limit)).stream()
                            .map(Patient::id).toList();
                    assertThat(got).as("%s, limit %d, plan %s", query, limit, plan).isEqualTo(expected);
                }
                assertThat(patients.search(query, limit)).extracting(Patient::id).isEqualTo(expected);
            }
        }
        assertThat(reference(live, List.of("ma"), 50)).hasSizeGreaterThan(10); // the queries do find patients
    }

    /** Live patients having, for every word, a name word (full or social) starting with it; name order. */
    private static List<UUID> reference(List<Patient> live, List<String> words, int limit) {
        return live.stream()
                .filter(p -> {
                    Set<String> names = SearchText.terms(p.fullName(), p.socialName());
                    return words.stream().allMatch(w -> names.stream().anyMatch(n -> n.startsWith(w)));
                })
                .sorted(Comparator.comparing((Patient p) -> SearchText.fold(p.fullName()))
                        .thenComparing(p -> p.id().toString()))
                .limit(limit)
                .map(Patient::id)
                .toList();
    }
}
