package br.com.prontivus.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both languages say everything, and say it once. */
class BundlesTest {

    @Test
    void bothLanguagesHaveExactlyTheSameKeysAndNoKeyTwice() throws IOException {
        List<String> english = keys("/i18n/messages.properties");
        List<String> portuguese = keys("/i18n/messages_pt_BR.properties");
        assertThat(duplicates(english)).as("keys defined twice in messages.properties").isEmpty();
        assertThat(duplicates(portuguese)).as("keys defined twice in messages_pt_BR.properties").isEmpty();
        assertThat(new TreeSet<>(portuguese)).isEqualTo(new TreeSet<>(english));
    }

    @Test
    void brazilianLocalesGetPortugueseAndOthersEnglish() {
        assertThat(Messages.get(Locale.forLanguageTag("pt-BR"), "error.login.failed")).isEqualTo("Login ou senha incorretos");
        assertThat(Messages.get(Locale.forLanguageTag("pt-PT"), "error.login.failed")).isEqualTo("Login ou senha incorretos");
        assertThat(Messages.get(Locale.GERMANY, "error.login.failed")).isEqualTo("Wrong login or password");
        assertThat(Messages.get(Locale.ENGLISH, "error.cpf.invalid", "123")).contains("123");
    }

    private static List<String> keys(String resource) throws IOException {
        try (InputStream in = BundlesTest.class.getResourceAsStream(resource)) {
            List<String> keys = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!") && trimmed.contains("=")) {
                    keys.add(trimmed.substring(0, trimmed.indexOf('=')).strip());
                }
            }
            return keys;
        }
    }

    private static Set<String> duplicates(List<String> keys) {
        Set<String> seen = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        keys.forEach(k -> {
            if (!seen.add(k)) {
                twice.add(k);
            }
        });
        return twice;
    }
}
