package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Digit search has two plans (a UNION of the CPF and phone ranges for a rare prefix, a walk in name
 * order for a common one, from {@value PatientService#COMMON_DIGITS} matches): both must return what
 * a brute-force reference over the live patients returns — same patients, same order, same limit.
 */
class DigitSearchTest extends br.com.prontivus.testing.DialectTestBase {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rareAndCommonPrefixesReturnTheReferenceResult(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        PatientGenerator generator = new PatientGenerator(7);
        List<PatientDraft> drafts = new ArrayList<>();
        for (int i = 0; i < PatientService.COMMON_DIGITS + 1_200; i++) {
            PatientDraft d = generator.person(i).draft();
            // four in five in São Paulo (DDD 11): "1", "11", "119" are common prefixes, "2", "21" rare
            String phone = i % 5 == 0 ? d.phone() : String.format("(11) 9%04d-%04d", i % 10_000, (i * 7) % 10_000);
            drafts.add(new PatientDraft(d.fullName(), d.socialName(), d.cpf(), d.birthDate(), d.sex(), phone, d.email(),
                    d.address(), d.notes()));
        }
        List<UUID> ids = new ArrayList<>();
        for (int from = 0; from < drafts.size(); from += 1_000) {
            patients.registerBatch(ACTOR, drafts.subList(from, Math.min(drafts.size(), from + 1_000)))
                    .forEach(row -> ids.add(row.id()));
        }
        for (int i = 0; i < ids.size(); i += 7) {
            patients.delete(ACTOR, ids.get(i));
        }
        List<Patient> live = patients.list(100_000, 0);
        Patient some = live.get(live.size() / 2);
        List<String> queries = List.of("1", "2", "9", "11", "21", "119", "0", some.cpf().substring(0, 3),
                some.cpf().substring(0, 6), some.cpf(), some.phone(), some.phone().substring(0, 4), "99999999999");
        for (String query : queries) {
            for (int limit : new int[] {1, 50, 200}) {
                assertThat(patients.search(query, limit)).extracting(Patient::id)
                        .as("%s, limit %d", query, limit).isEqualTo(reference(live, query, limit));
            }
        }
        // the common plan is really taken for "119": that many live phones start with it
        assertThat(live.stream().filter(p -> p.phone().startsWith("119")).count())
                .isGreaterThanOrEqualTo(PatientService.COMMON_DIGITS);
        assertThat(patients.search(some.cpf(), 50)).extracting(Patient::id).containsExactly(some.id());
    }

    private static List<UUID> reference(List<Patient> live, String digits, int limit) {
        return live.stream()
                .filter(p -> (p.cpf() != null && p.cpf().startsWith(digits))
                        || (p.phone() != null && p.phone().startsWith(digits)))
                .sorted(Comparator.comparing((Patient p) -> SearchText.fold(p.fullName()))
                        .thenComparing(p -> p.id().toString()))
                .limit(limit)
                .map(Patient::id)
                .toList();
    }
}
