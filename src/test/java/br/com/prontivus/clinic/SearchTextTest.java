package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SearchText#fold}'s table-driven path must give exactly what the regex definition gives. */
class SearchTextTest {

    @Test
    void everyCharacterAloneAndBetweenLettersFoldsAsTheReference() {
        for (char c = 0; c < 0x400; c++) {
            for (String text : new String[] {String.valueOf(c), "a" + c + "b", " " + c + " x", c + "-" + c, "Á" + c}) {
                assertThat(SearchText.fold(text)).as("U+%04X in \"%s\"", (int) c, text)
                        .isEqualTo(SearchText.foldReference(text));
            }
        }
    }

    @Test
    void namesFoldAsTheReference() {
        String[] samples = {"José  da Conceição", "ÂNGELA Simões Araújo", "  Maria-Clara d'Ávila ", "João Paulo II",
                "Zoë Ñandú", "Ærøskøbing Straße", "İsmail Şahin", "a\u0301b", "Jose\u0301 Conceic\u0327a\u0303o",
                "Ευάγγελος Σ", "12 de Outubro", "½ ¼", "", "   ", "--", "O'Neil/Silva (neto)"};
        for (String s : samples) {
            assertThat(SearchText.fold(s)).as(s).isEqualTo(SearchText.foldReference(s));
        }
        assertThat(SearchText.fold("José  da Conceição")).isEqualTo("jose da conceicao");
    }

    @Test
    void randomTextsFoldAsTheReference() {
        String pool = "abcxyzABCXYZ019 -.'/\t\nçÇãÃõÕáÁéÉíÍóÓúÚâÂêÊôÔàÀüÜñÑ ªº°²½ßæŒıİŉſ\u00a0\u0301\u0327\u2028ΣσЖ中";
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            String s = text.toString();
            assertThat(SearchText.fold(s)).as("\"%s\"", s).isEqualTo(SearchText.foldReference(s));
        }
    }
}
