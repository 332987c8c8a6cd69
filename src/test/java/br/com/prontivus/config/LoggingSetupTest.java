package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {

    @TempDir
    Path logs;

    private final Logger log = LoggerFactory.getLogger("prontivus.test.LogSetup");

    @AfterEach
    void resetLogging() {
        // Stop the file appender so the temp directory can be deleted, and leave a plain context behind.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    private String logFile() throws IOException {
        return Files.readString(logs.resolve("prontivus.log"), StandardCharsets.UTF_8);
    }

    @Test
    void infoLandsInTheFileAndDebugDoesNotAtInfo() throws IOException {
        LoggingSetup.configure(logs, "INFO", false, Level.WARN);

        log.info("visible-info-line {}", 42);
        log.debug("hidden-debug-line");

        String text = logFile();
        assertThat(text).contains("visible-info-line 42").doesNotContain("hidden-debug-line");
        assertThat(text).containsPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  prontivus\\.test\\.LogSetup - visible-info-line 42");
    }

    @Test
    void debugLandsInTheFileAtDebug() throws IOException {
        LoggingSetup.configure(logs, "debug", false, Level.WARN);

        log.debug("debug-line-now-visible");
        log.trace("trace-line-hidden");

        assertThat(logFile()).contains("debug-line-now-visible").doesNotContain("trace-line-hidden");
    }

    @Test
    void noisyLibrariesStayAtWarnUnlessDebug() throws IOException {
        LoggingSetup.configure(logs, "INFO", false, Level.WARN);
        LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").info("hikari-info");
        LoggerFactory.getLogger("org.flywaydb.core.Flyway").warn("flyway-warn");
        LoggerFactory.getLogger("org.jooq.tools.LoggerListener").info("jooq-info");
        assertThat(logFile()).doesNotContain("hikari-info").doesNotContain("jooq-info").contains("flyway-warn");

        LoggingSetup.configure(logs, "DEBUG", false, Level.WARN);
        LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").debug("hikari-debug");
        assertThat(logFile()).contains("hikari-debug");
    }

    @Test
    void consoleGoesToStderrAtItsOwnLevel() throws IOException {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            LoggingSetup.configure(logs, "INFO", true, Level.WARN);

            log.info("info-only-in-file");
            log.warn("warn-on-console");
        } finally {
            resetLogging();
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        String console = err.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("WARN  prontivus.test.LogSetup - warn-on-console")
                .doesNotContain("info-only-in-file");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("warn-on-console");
        assertThat(logFile()).contains("info-only-in-file").contains("warn-on-console");
    }

    @Test
    void consoleMoreVerboseThanFile() throws IOException {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            LoggingSetup.configure(logs, "WARN", true, Level.DEBUG);
            log.debug("debug-on-console-only");
        } finally {
            resetLogging();
            System.setErr(originalErr);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("debug-on-console-only");
        assertThat(logFile()).doesNotContain("debug-on-console-only");
    }

    @Test
    void createsTheLogDirectory() throws IOException {
        Path nested = logs.resolve("a/b");
        LoggingSetup.configure(nested, "INFO", false, Level.WARN);
        log.error("in-nested-dir");

        assertThat(Files.readString(nested.resolve("prontivus.log"))).contains("in-nested-dir");
    }

    @Test
    void unknownLevelIsRefused() {
        assertThatThrownBy(() -> LoggingSetup.configure(logs, "LOUD", false, Level.WARN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOUD");
    }
}
