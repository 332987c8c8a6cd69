package br.com.prontivus.clinic;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Folding of names for search: no accents, lower case, words separated by single spaces. */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {
    }

    /** "José  da Conceição" → "jose da conceicao". */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(plain).replaceAll(" ").trim();
    }

    /** Distinct folded words of the given texts, for the word index. */
    public static Set<String> terms(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            String folded = fold(text);
            if (!folded.isEmpty()) {
                terms.addAll(Arrays.asList(folded.split(" ")));
            }
        }
        return terms;
    }

    /** Upper bound for a prefix range: every string starting with {@code prefix} sorts below it. */
    public static String prefixEnd(String prefix) {
        return prefix + '\uffff';
    }
}
