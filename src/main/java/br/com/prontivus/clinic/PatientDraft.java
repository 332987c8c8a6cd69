package br.com.prontivus.clinic;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What reception types in for a patient; {@link #normalized(LocalDate)} validates and cleans it. */
public record PatientDraft(String fullName, String socialName, String cpf, LocalDate birthDate, String sex,
                           String phone, String email, String address, String notes) {

    public static final Set<String> SEXES = Set.of("female", "male", "intersex", "unknown");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 2_000;

    /**
     * Trims, validates and normalises every field (CPF and phone to digits, e-mail and sex to lower
     * case); throws {@link DomainException.InvalidInput} naming the first bad field.
     */
    public PatientDraft normalized(LocalDate today) {
        String name = required("full_name", fullName, MAX_NAME);
        String social = optional("social_name", socialName, MAX_NAME);
        String cpfDigits = blank(cpf) ? null : Cpf.parse(cpf).digits();
        if (birthDate != null && birthDate.isAfter(today)) {
            throw new DomainException.InvalidInput("birth_date", "error.birth_date.future", birthDate);
        }
        if (birthDate != null && birthDate.getYear() < 1900) {
            throw new DomainException.InvalidInput("birth_date", "error.birth_date.too_old", birthDate);
        }
        String sexValue = blank(sex) ? null : sex.trim().toLowerCase(Locale.ROOT);
        if (sexValue != null && !SEXES.contains(sexValue)) {
            throw new DomainException.InvalidInput("sex", "error.sex.invalid", sex);
        }
        String phoneDigits = blank(phone) ? null : normalizePhone(phone);
        String emailValue = blank(email) ? null : email.trim().toLowerCase(Locale.ROOT);
        if (emailValue != null && (!EMAIL.matcher(emailValue).matches() || emailValue.length() > 254)) {
            throw new DomainException.InvalidInput("email", "error.email.invalid", email);
        }
        return new PatientDraft(name, social, cpfDigits, birthDate, sexValue, phoneDigits, emailValue,
                text("address", address, MAX_TEXT), text("notes", notes, MAX_TEXT));
    }

    /** Brazilian numbers: area code + 8 or 9 digits; a leading +55 or 0 is dropped. */
    static String normalizePhone(String phone) {
        String digits = phone.replaceAll("[\\s().\\-+]", "");
        if (!digits.matches("\\d+")) {
            throw new DomainException.InvalidInput("phone", "error.phone.invalid", phone);
        }
        if (phone.strip().startsWith("+")) {
            // an explicit country code must be Brazil's, and then it is always dropped: "+55 11 98765-43"
            // is a short number, not the 11-digit "55119876543" of area code 55
            if (!digits.startsWith("55")) {
                throw new DomainException.InvalidInput("phone", "error.phone.invalid", phone);
            }
            digits = digits.substring(2);
        } else if (digits.startsWith("55") && digits.length() >= 12) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0") && digits.length() >= 11) {
            digits = digits.substring(1);
        }
        if (digits.length() < 10 || digits.length() > 11) {
            throw new DomainException.InvalidInput("phone", "error.phone.invalid", phone);
        }
        return digits;
    }

    private static String required(String field, String value, int max) {
        if (blank(value)) {
            throw new DomainException.InvalidInput(field, "error.required", field);
        }
        return optional(field, value, max);
    }

    private static String optional(String field, String value, int max) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.strip().replaceAll("\\s+", " ");
        if (trimmed.length() > max) {
            throw new DomainException.InvalidInput(field, "error.too_long", field, max);
        }
        return trimmed;
    }

    /** Free text keeps its line breaks; only the ends are trimmed. */
    private static String text(String field, String value, int max) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new DomainException.InvalidInput(field, "error.too_long", field, max);
        }
        return trimmed;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
