package br.com.prontivus.ui;

import java.util.function.UnaryOperator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;

/** Input masks for digit-only fields (CPF, dates): staff type digits, the punctuation appears by itself. */
public final class MaskedText {

    private MaskedText() {
    }

    public static void cpf(TextField field) {
        install(field, 11, Formats::maskCpf);
    }

    public static void date(TextField field) {
        install(field, 8, Formats::maskDate);
    }

    private static void install(TextField field, int maxDigits, UnaryOperator<String> mask) {
        field.setTextFormatter(new TextFormatter<String>(change -> {
            if (!change.isContentChange()) {
                return change;
            }
            String proposed = change.getControlNewText();
            String digits = Formats.onlyDigits(proposed);
            if (digits.length() > maxDigits) {
                return null;
            }
            String old = change.getControlText();
            // Deleting a mask character alone would change nothing: take the digit before it too.
            if (change.isDeleted() && !change.isAdded() && Formats.onlyDigits(old).equals(digits)
                    && !digits.isEmpty() && change.getRangeStart() > 0) {
                digits = Formats.onlyDigits(old.substring(0, change.getRangeStart()));
                digits = digits.substring(0, Math.max(0, digits.length() - 1))
                        + Formats.onlyDigits(old.substring(change.getRangeEnd()));
            }
            String masked = mask.apply(digits);
            change.setRange(0, old.length());
            change.setText(masked);
            change.setCaretPosition(masked.length());
            change.setAnchor(masked.length());
            return change;
        }));
    }
}
