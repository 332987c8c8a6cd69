package br.com.prontivus.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Programmatic logback configuration, replacing the quiet defaults {@link QuietDefaults} installs for
 * the moments before this runs.
 */
public final class LoggingSetup {

    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
    public static final String LOG_FILE_NAME = "prontivus.log";

    /** Chatty libraries kept at WARN unless the level is DEBUG or TRACE. */
    public static final List<String> NOISY_LOGGERS = List.of("org.jooq", "com.zaxxer.hikari", "org.flywaydb");

    private LoggingSetup() {}

    /**
     * Resets logback and installs:
     * <ul>
     *   <li>when {@code consoleToStderr} is true, a console appender on <b>stderr</b> (never stdout, which belongs to
     *       CLI output) showing events at {@code consoleLevel} or above; when false, no console appender at all;
     *   <li>a rolling file appender {@code logDirectory/prontivus.log} at {@code level} or above, rolled daily and at
     *       10MB ({@code prontivus.yyyy-MM-dd.N.log.gz}), 14 days kept, 200MB total cap.
     * </ul>
     * Root is set to the more verbose of the two levels; org.jooq, com.zaxxer.hikari and org.flywaydb stay at WARN
     * unless {@code level} is DEBUG or TRACE. The log directory is created if missing. Safe to call again (e.g.
     * after the configuration is known); the previous appenders are stopped.
     *
     * @param level file level: TRACE, DEBUG, INFO, WARN or ERROR (case-insensitive), typically
     *     {@link AppConfig#logLevel()}
     * @throws IllegalArgumentException for an unknown level
     * @throws UncheckedIOException when the log directory cannot be created
     * @throws IllegalStateException when slf4j is not bound to logback
     */
    public static void configure(Path logDirectory, String level, boolean consoleToStderr, Level consoleLevel) {
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(consoleLevel, "consoleLevel");
        Level fileLevel = parseLevel(level);
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + logDirectory, e);
        }

        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("slf4j is not bound to logback but to " + factory.getClass().getName());
        }
        synchronized (LoggingSetup.class) {
            context.reset();

            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            Level rootLevel = fileLevel;

            if (consoleToStderr) {
                ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
                console.setContext(context);
                console.setName("CONSOLE");
                console.setTarget("System.err");
                console.setEncoder(encoder(context));
                console.addFilter(threshold(context, consoleLevel));
                console.start();
                root.addAppender(console);
                if (consoleLevel.toInt() < rootLevel.toInt()) {
                    rootLevel = consoleLevel;
                }
            }

            RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
            file.setContext(context);
            file.setName("FILE");
            file.setFile(logDirectory.resolve(LOG_FILE_NAME).toString());
            SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
            policy.setContext(context);
            policy.setParent(file);
            policy.setFileNamePattern(logDirectory.resolve("prontivus.%d{yyyy-MM-dd}.%i.log.gz").toString());
            policy.setMaxFileSize(FileSize.valueOf("10MB"));
            policy.setMaxHistory(14);
            policy.setTotalSizeCap(FileSize.valueOf("200MB"));
            policy.start();
            file.setRollingPolicy(policy);
            file.setEncoder(encoder(context));
            file.addFilter(threshold(context, fileLevel));
            file.start();
            root.addAppender(file);

            root.setLevel(rootLevel);
            boolean verbose = fileLevel.toInt() <= Level.DEBUG_INT;
            for (String name : NOISY_LOGGERS) {
                context.getLogger(name).setLevel(verbose ? null : Level.WARN);
            }
        }
    }

    /**
     * The quiet defaults for the moments before {@link #configure} runs (and for tests): WARN and above
     * on stderr. Installed by {@link QuietDefaults}, logback's first configurator, instead of a
     * logback.xml, whose XML machinery cost a quarter of a second of every start.
     */
    static void installDefaults(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.WARN);
    }

    /** Parses TRACE/DEBUG/INFO/WARN/ERROR, case-insensitively. */
    static Level parseLevel(String level) {
        String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        return switch (l) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            default -> throw new IllegalArgumentException(
                    "unknown log level '" + level + "': allowed values are TRACE, DEBUG, INFO, WARN, ERROR");
        };
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static ThresholdFilter threshold(LoggerContext context, Level level) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setContext(context);
        filter.setLevel(level.levelStr);
        filter.start();
        return filter;
    }
}
