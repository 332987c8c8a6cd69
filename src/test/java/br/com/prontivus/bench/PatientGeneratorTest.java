package br.com.prontivus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Cpf;
import br.com.prontivus.clinic.PatientDraft;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatientGeneratorTest {

    private final PatientGenerator generator = new PatientGenerator(20_261_125L);

    @Test
    void cpfsAreValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String cpf = generator.cpfDigits(i);
            assertThat(Cpf.isValid(cpf)).as("CPF of patient %d: %s", i, cpf).isTrue();
            assertThat(seen.add(cpf)).as("CPF of patient %d repeats: %s", i, cpf).isTrue();
        }
    }

    @Test
    void allSameDigitBasesAreReplacedByUnusedOnes() {
        // The indexes whose base would be 000000000 … 999999999: invert base = (index * M + OFFSET) mod 10^9.
        var billion = java.math.BigInteger.valueOf(1_000_000_000L);
        var inverse = java.math.BigInteger.valueOf(387_420_489L).modInverse(billion);
        Set<String> replaced = new HashSet<>();
        for (int d = 0; d <= 9; d++) {
            long index = java.math.BigInteger.valueOf(d * 111_111_111L - 123_456_789L - 20_261_125L * 387_420_489L)
                    .multiply(inverse).mod(billion).longValueExact();
            if (index >= PatientGenerator.MAX_PATIENTS) {
                continue;
            }
            String cpf = generator.cpfDigits(index);
            assertThat(Cpf.isValid(cpf)).as("replacement for %d…", d).isTrue();
            assertThat(replaced.add(cpf)).isTrue();
        }
        assertThat(replaced).isNotEmpty();
    }

    @Test
    void peopleAreDeterministicAndPassTheDomainValidation() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        Set<String> names = new HashSet<>();
        boolean accents = false;
        for (int i = 0; i < 5_000; i++) {
            var p = generator.person(i);
            assertThat(generator.person(i)).isEqualTo(p);
            PatientDraft normalized = p.draft().normalized(today); // throws on anything the app would refuse
            assertThat(normalized.cpf()).isEqualTo(generator.cpfDigits(i));
            assertThat(normalized.phone()).hasSize(11);
            assertThat(p.birthDate()).isBetween(LocalDate.of(1930, 1, 1), today);
            assertThat(p.fullName().split(" ").length).isGreaterThanOrEqualTo(2);
            accents |= !p.fullName().equals(java.text.Normalizer.normalize(p.fullName(), java.text.Normalizer.Form.NFD));
            names.add(p.fullName());
        }
        assertThat(accents).as("some names carry accents").isTrue();
        assertThat(names.size()).as("names vary").isGreaterThan(4_000);
    }

    @Test
    void csvRoundTripsQuotesCommasAndAccents() throws Exception {
        var out = new java.io.StringWriter();
        Csv.writeRow(out, "Conceição, Maria", null, "say \"hi\"", "two\nlines");
        var in = new java.io.BufferedReader(new java.io.StringReader(out.toString()));
        assertThat(Csv.readRow(in, 4)).containsExactly("Conceição, Maria", null, "say \"hi\"", "two\nlines");
        assertThat(Csv.readRow(in, 4)).isNull();
    }
}
