package br.com.prontivus.config;

import java.util.regex.Pattern;

/** Hides passwords in values before they reach messages, logs or the effective-settings list. */
final class Masking {

    static final String MASK = "****";

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;#]*");

    private Masking() {}

    /**
     * Masks the password of a URL, even a malformed one. The userinfo password (between the first ':' after
     * "://" and the LAST '@') and any {@code password=} query parameter become {@code ****}. Over-masking is
     * preferred to leaking: if a query value contains '@', more than the password may be hidden.
     */
    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        int schemeEnd = out.indexOf("://");
        if (schemeEnd >= 0) {
            int start = schemeEnd + 3;
            int at = out.lastIndexOf('@');
            if (at > start) {
                int colon = out.indexOf(':', start);
                if (colon >= 0 && colon < at) {
                    out = out.substring(0, colon + 1) + MASK + out.substring(at);
                }
            }
        }
        return QUERY_PASSWORD.matcher(out).replaceAll("$1" + MASK);
    }
}
