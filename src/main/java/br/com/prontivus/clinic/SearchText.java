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
        String fast = foldLatin(text);
        return fast != null ? fast : foldReference(text);
    }

    /**
     * The definition of {@link #fold}: decompose (NFD), drop the combining marks, lower-case,
     * turn every run of characters that are neither letters nor digits into one space, trim.
     */
    static String foldReference(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(plain).replaceAll(" ").trim();
    }

    /** Characters below this are folded by {@link #LATIN}; any other sends the text to {@link #foldReference}. */
    private static final int LATIN_END = 0x180;
    private static final String SEPARATOR = " ";
    /**
     * Per character below {@link #LATIN_END} (Basic Latin, Latin-1, Latin Extended-A: every
     * Portuguese name), what {@link #foldReference} makes of it on its own: its folded letters or
     * digits, {@link #SEPARATOR} if it is none, {@code ""} if it vanishes (a mark), {@code null} if
     * it is something else (then the whole text takes the reference path). Within this range a
     * character's folding does not depend on its neighbours (each decomposes to a base letter and
     * marks that are dropped; lower-casing is context-free outside Greek and Lithuanian rules), so
     * folding character by character gives the reference's result; SearchTextTest compares the two.
     */
    private static final String[] LATIN = latinTable();

    private static String[] latinTable() {
        String[] table = new String[LATIN_END];
        for (char c = 0; c < LATIN_END; c++) {
            String alone = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            alone = MARKS.matcher(alone).replaceAll("").toLowerCase(Locale.ROOT);
            if (alone.isEmpty()) {
                table[c] = "";
            } else if (!NOT_WORD.matcher(alone).find()) {
                table[c] = alone; // letters and digits only, as NOT_WORD defines them
            } else if (NOT_WORD.matcher(alone).matches()) {
                table[c] = SEPARATOR;
            } else {
                table[c] = null;
            }
        }
        return table;
    }

    /** {@link #foldReference} for a text made only of characters that {@link #LATIN} folds; null for any other. */
    private static String foldLatin(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        boolean gap = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String folded = c < LATIN_END ? LATIN[c] : null;
            if (folded == null) {
                return null;
            }
            if (folded == SEPARATOR) {
                gap = true;
            } else if (!folded.isEmpty()) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.append(folded);
            }
        }
        return out.toString();
    }

    /** Distinct folded words of the given texts, for the word index. */
    public static Set<String> terms(String... texts) {
        String[] folded = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            folded[i] = fold(texts[i]);
        }
        return termsOfFolded(folded);
    }

    /**
     * {@link #terms} of texts already {@link #fold folded}: the search index folds a patient's full
     * name once, since the same folding is its search_name.
     */
    public static Set<String> termsOfFolded(String... foldedTexts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String folded : foldedTexts) {
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
