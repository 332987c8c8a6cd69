package br.com.prontivus.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configurator, found through {@code META-INF/services}: WARN on stderr until
 * {@link LoggingSetup#configure} knows the settings. Replaces logback.xml (see
 * {@link LoggingSetup#installDefaults}); no XML configuration is read after it.
 */
public final class QuietDefaults extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LoggingSetup.installDefaults(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
