package br.com.prontivus.config;

import java.util.Objects;

/**
 * One line of the effective configuration, safe to print or log.
 *
 * @param name setting name, e.g. {@code DB_POOL_SIZE}
 * @param value canonical value; {@code ****} for a set secret; a URL with its password masked; null when an
 *     optional setting is unset
 * @param source which layer supplied it
 */
public record SettingValue(String name, String value, Source source) {
    public SettingValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
