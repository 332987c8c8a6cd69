package br.com.prontivus.clinic;

/**
 * Cadastro de Pessoas Físicas: 11 digits, the last two being check digits (mod 11). Stored as
 * digits only; shown as {@code 000.000.000-00}.
 */
public record Cpf(String digits) {

    public Cpf {
        if (!isValid(digits)) {
            throw new IllegalArgumentException("Invalid CPF " + digits);
        }
    }

    /** Accepts digits with or without the usual punctuation; refuses wrong length or check digits. */
    public static Cpf parse(String input) {
        String digits = strip(input);
        if (!digits.matches("\\d{11}")) { // 11 characters that are not all digits are a format error too
            throw new DomainException.InvalidInput("cpf", "error.cpf.format", input);
        }
        if (!isValid(digits)) {
            throw new DomainException.InvalidInput("cpf", "error.cpf.invalid", input);
        }
        return new Cpf(digits);
    }

    public static String strip(String input) {
        return input == null ? "" : input.replaceAll("[.\\-/\\s]", "");
    }

    public static boolean isValid(String digits) {
        if (digits == null || !digits.matches("\\d{11}")) {
            return false;
        }
        if (digits.chars().distinct().count() == 1) {
            return false; // 000.000.000-00, 111.111.111-11 … pass the arithmetic but are not issued
        }
        return checkDigit(digits, 9) == digits.charAt(9) - '0' && checkDigit(digits, 10) == digits.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    public String formatted() {
        return digits.substring(0, 3) + "." + digits.substring(3, 6) + "." + digits.substring(6, 9) + "-"
                + digits.substring(9);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
