package br.com.prontivus.ui;

import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Cpf;
import java.util.Locale;

/** Display formats for Brazilian documents and numbers, and the words for statuses. */
public final class Formats {

    private Formats() {
    }

    public static String cpf(String digits) {
        if (digits == null || digits.isEmpty()) {
            return "";
        }
        return Cpf.isValid(digits) ? new Cpf(digits).formatted() : maskCpf(digits);
    }

    /** Formats up to 11 digits as 000.000.000-00 while they are typed. */
    public static String maskCpf(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length() && i < 11; i++) {
            if (i == 3 || i == 6) {
                out.append('.');
            } else if (i == 9) {
                out.append('-');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** Formats up to 8 digits as ##/##/#### while they are typed. */
    public static String maskDate(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length() && i < 8; i++) {
            if (i == 2 || i == 4) {
                out.append('/');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** (11) 98765-4321 or (11) 3456-7890. */
    public static String phone(String digits) {
        if (digits == null || digits.length() < 10) {
            return digits == null ? "" : digits;
        }
        String area = digits.substring(0, 2);
        String rest = digits.substring(2);
        int split = rest.length() - 4;
        return "(" + area + ") " + rest.substring(0, split) + "-" + rest.substring(split);
    }

    public static String status(I18n i18n, AppointmentStatus status) {
        return i18n.t("ui.appt_status." + status.dbValue());
    }

    public static String onlyDigits(String text) {
        return text == null ? "" : text.replaceAll("\\D", "");
    }
}
