package br.com.prontivus.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text from the resource bundles {@code i18n/messages} (English base, Brazilian
 * Portuguese). Brazilian locales get pt-BR; every other locale gets English.
 */
public final class Messages {

    public static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final String BUNDLE = "i18n.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** pt-BR for any Portuguese locale (the clinics' language), English otherwise. */
    public static Locale supported(Locale locale) {
        return "pt".equals(locale.getLanguage()) ? PT_BR : Locale.ENGLISH;
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, supported(locale), Messages.class.getClassLoader(), NO_FALLBACK);
    }

    public static String get(String key, Object... args) {
        return get(Locale.getDefault(), key, args);
    }

    public static String get(Locale locale, String key, Object... args) {
        Locale supported = supported(locale);
        String pattern;
        try {
            pattern = bundle(supported).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, supported).format(args);
    }
}
