package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientDraftTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    static PatientDraft draft(String name) {
        return new PatientDraft(name, null, null, null, null, null, null, null, null);
    }

    @Test
    void foldRemovesAccentsCaseAndPunctuation() {
        assertThat(SearchText.fold("José  da Conceição")).isEqualTo("jose da conceicao");
        assertThat(SearchText.fold("  ÂNGELA-MARIA d'Ávila ")).isEqualTo("angela maria d avila");
        assertThat(SearchText.fold("Müller Ñuñez Çé")).isEqualTo("muller nunez ce");
        assertThat(SearchText.fold(null)).isEmpty();
        assertThat(SearchText.fold("  ")).isEmpty();
    }

    @Test
    void termsAreDistinctFoldedWordsInOrder() {
        assertThat(SearchText.terms("Maria José", "José Maria da Silva", null, ""))
                .containsExactly("maria", "jose", "da", "silva");
        assertThat(SearchText.terms()).isEmpty();
        assertThat(SearchText.prefixEnd("jo")).startsWith("jo").isGreaterThan("jozzzz");
    }

    @Test
    void normalizedCleansEveryField() {
        PatientDraft d = new PatientDraft("  José   da  Silva ", "  ", "529.982.247-25", LocalDate.of(1980, 1, 2),
                " Male ", "+55 (11) 98765-4321", " Jose@Example.COM ", "  Rua A, 1\nApto 2  ", "  ")
                .normalized(TODAY);
        assertThat(d).isEqualTo(new PatientDraft("José da Silva", null, "52998224725", LocalDate.of(1980, 1, 2),
                "male", "11987654321", "jose@example.com", "Rua A, 1\nApto 2", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void nameIsRequired(String name) {
        assertThatThrownBy(() -> draft(name).normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("full_name");
                    assertThat(e.key()).isEqualTo("error.required");
                });
        assertThatThrownBy(() -> draft(null).normalized(TODAY)).isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void tooLongNameIsRefused() {
        assertThatThrownBy(() -> draft("a".repeat(201)).normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.key()).isEqualTo("error.too_long"));
        assertThat(draft("a".repeat(200)).normalized(TODAY).fullName()).hasSize(200);
    }

    @Test
    void birthDateInTheFutureOrBefore1900IsRefused() {
        PatientDraft tomorrow = new PatientDraft("A B", null, null, TODAY.plusDays(1), null, null, null, null, null);
        assertThatThrownBy(() -> tomorrow.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("birth_date");
                    assertThat(e.key()).isEqualTo("error.birth_date.future");
                });
        PatientDraft today = new PatientDraft("A B", null, null, TODAY, null, null, null, null, null);
        assertThat(today.normalized(TODAY).birthDate()).isEqualTo(TODAY);
        PatientDraft old = new PatientDraft("A B", null, null, LocalDate.of(1899, 12, 31), null, null, null, null, null);
        assertThatThrownBy(() -> old.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.key()).isEqualTo("error.birth_date.too_old"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m", "f", "other", "masculino"})
    void invalidSexIsRefused(String sex) {
        PatientDraft d = new PatientDraft("A B", null, null, null, sex, null, null, null, null);
        assertThatThrownBy(() -> d.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.field()).isEqualTo("sex"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"female", "MALE", " Intersex ", "unknown"})
    void validSexesAreLowerCased(String sex) {
        PatientDraft d = new PatientDraft("A B", null, null, null, sex, null, null, null, null).normalized(TODAY);
        assertThat(d.sex()).isEqualTo(sex.strip().toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe", "joe@", "@example.com", "joe@example", "jo e@example.com", "a@b@c.com"})
    void invalidEmailIsRefused(String email) {
        PatientDraft d = new PatientDraft("A B", null, null, null, null, null, email, null, null);
        assertThatThrownBy(() -> d.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("email");
                    assertThat(e.key()).isEqualTo("error.email.invalid");
                });
    }

    @ParameterizedTest
    @CsvSource({
            "'(11) 98765-4321', 11987654321",
            "'+55 11 98765-4321', 11987654321",
            "'+55 (11) 3456-7890', 1134567890",
            "'55 11 3456 7890', 1134567890",
            "'011 98765 4321', 11987654321",
            "'(55) 99123-4567', 55991234567",
            "'(55) 3222-1234', 5532221234",
            "'11.3456.7890', 1134567890"
    })
    void phonesAreNormalisedToAreaCodeAndNumber(String input, String expected) {
        assertThat(PatientDraft.normalizePhone(input)).isEqualTo(expected);
        PatientDraft d = new PatientDraft("A B", null, null, null, null, input, null, null, null).normalized(TODAY);
        assertThat(d.phone()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"98765-4321", "123", "(11) 98765-43210", "+55 11 98765-43", "11 9876x-4321",
            "+55 (11) 98765-4321 ramal 2", "+1 212 555 1234", "+351 21 123 4567"})
    void invalidPhonesAreRefused(String phone) {
        PatientDraft d = new PatientDraft("A B", null, null, null, null, phone, null, null, null);
        assertThatThrownBy(() -> d.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("phone");
                    assertThat(e.key()).isEqualTo("error.phone.invalid");
                });
    }

    @Test
    void invalidCpfIsRefusedInTheDraft() {
        PatientDraft d = new PatientDraft("A B", null, "529.982.247-26", null, null, null, null, null, null);
        assertThatThrownBy(() -> d.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.field()).isEqualTo("cpf"));
    }

    @Test
    void notesKeepLineBreaksButHaveALimit() {
        PatientDraft d = new PatientDraft("A B", null, null, null, null, null, null, null, "x".repeat(2001));
        assertThatThrownBy(() -> d.normalized(TODAY))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.field()).isEqualTo("notes"));
    }
}
