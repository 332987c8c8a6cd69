package br.com.prontivus.sync;

import java.util.Locale;

public enum ChangeKind {
    INSERT, UPDATE, DELETE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
