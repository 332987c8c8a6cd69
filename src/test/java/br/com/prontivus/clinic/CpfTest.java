package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpfTest {

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-25", "52998224725", "111.444.777-35", "11144477735", " 529 982 247 25 ",
            "529982247/25", "390.533.447-05"})
    void validNumbersParseToDigits(String input) {
        Cpf cpf = Cpf.parse(input);
        assertThat(cpf.digits()).matches("\\d{11}");
        assertThat(Cpf.isValid(cpf.digits())).isTrue();
    }

    @Test
    void formattedAndToString() {
        assertThat(Cpf.parse("52998224725").formatted()).isEqualTo("529.982.247-25");
        assertThat(Cpf.parse("111.444.777-35").toString()).isEqualTo("111.444.777-35");
        assertThat(Cpf.parse("111.444.777-35").digits()).isEqualTo("11144477735");
    }

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-26", "529.982.247-15", "111.444.777-36", "111.444.777-05", "12345678900"})
    void wrongCheckDigitsAreInvalid(String input) {
        assertThatThrownBy(() -> Cpf.parse(input))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("cpf");
                    assertThat(e.key()).isEqualTo("error.cpf.invalid");
                    assertThat(e.getMessage()).contains(input);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5299822472", "529982247255", "529.982.247-2", "52998224725a", "abc.def.ghi-jk",
            "529,982,247-25"})
    void wrongLengthOrCharactersAreAFormatError(String input) {
        assertThatThrownBy(() -> Cpf.parse(input))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.key()).isEqualTo("error.cpf.format"));
    }

    @Test
    void nullIsAFormatError() {
        assertThatThrownBy(() -> Cpf.parse(null)).isInstanceOf(DomainException.InvalidInput.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000.000.000-00", "111.111.111-11", "222.222.222-22", "999.999.999-99"})
    void repeatedDigitsAreRefusedThoughTheArithmeticPasses(String input) {
        assertThatThrownBy(() -> Cpf.parse(input))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.key()).isEqualTo("error.cpf.invalid"));
    }

    @Test
    void theRecordRefusesInvalidDigits() {
        assertThatThrownBy(() -> new Cpf("52998224726")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cpf("529.982.247-25")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cpf.isValid(null)).isFalse();
    }

    @Test
    void stripRemovesOnlyPunctuationAndSpaces() {
        assertThat(Cpf.strip("529.982.247-25")).isEqualTo("52998224725");
        assertThat(Cpf.strip(null)).isEmpty();
    }
}
