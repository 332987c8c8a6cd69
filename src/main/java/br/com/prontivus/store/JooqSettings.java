package br.com.prontivus.store;

import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** jOOQ settings shared by both dialects. */
final class JooqSettings {

    private JooqSettings() {
    }

    static Settings defaults() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
    }
}
