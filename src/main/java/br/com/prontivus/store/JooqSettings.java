package br.com.prontivus.store;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

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

    /** A context on one connection, with the execute listener when one was registered (statement timings). */
    static DSLContext using(Connection c, SQLDialect dialect, Settings settings, ExecuteListener listener) {
        if (listener == null) {
            return DSL.using(c, dialect, settings);
        }
        return DSL.using(new DefaultConfiguration().set(c).set(dialect).set(settings).set(listener));
    }
}
