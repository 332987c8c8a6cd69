package br.com.prontivus.ui;

import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.i18n.Messages;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * The desktop's text and formats for one locale: every label comes from the bundles through
 * {@link #t}, dates and times use the locale's conventions.
 */
public final class I18n {

    private final Locale locale;
    private final DateTimeFormatter mediumDate;
    private final DateTimeFormatter time;
    private final DateTimeFormatter inputDate;
    private final DateTimeFormatter dayTitle;

    public I18n(Locale requested) {
        this.locale = Messages.supported(requested);
        this.mediumDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale);
        this.inputDate = DateTimeFormatter.ofPattern(t("format.date.input").replace("yyyy", "uuuu"), locale)
                .withResolverStyle(ResolverStyle.STRICT);
        this.dayTitle = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    }

    public Locale locale() {
        return locale;
    }

    public String t(String key, Object... args) {
        return Messages.get(locale, key, args);
    }

    /** A message for a failure: the domain's own sentence, or a generic one for the unexpected. */
    public String error(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof DomainException) && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof DomainException domain) {
            return domain.localized(locale);
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return t("ui.error.unexpected", detail);
    }

    public String date(LocalDate date) {
        return date == null ? "" : mediumDate.format(date);
    }

    public String dayTitle(LocalDate date) {
        return dayTitle.format(date);
    }

    public String time(TemporalAccessor t) {
        return t == null ? "" : time.format(t);
    }

    public String dateTime(ZonedDateTime t) {
        return t == null ? "" : mediumDate.format(t) + " " + time.format(t);
    }

    /** The pattern staff type dates in (dd/mm/aaaa in Brazil). */
    public String inputDatePattern() {
        return t("format.date.input");
    }

    public String inputDate(LocalDate date) {
        return date == null ? "" : inputDate.format(date);
    }

    public Optional<LocalDate> parseInputDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip(), inputDate));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
