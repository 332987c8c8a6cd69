package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.config.AppConfig;
import br.com.prontivus.config.Setting;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No arguments opens the desktop without building the command model (a faster start); it must see the
 * same settings as {@code prontivus gui} and refuse a bad one the same way, before any window.
 */
class DesktopLaunchTest {

    @TempDir
    Path home;

    private final List<AppConfig> launched = new ArrayList<>();
    private final List<Boolean> exitWhenReady = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        Cli cli = new Cli(env, new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err),
                config -> {
                    throw new AssertionError("the desktop opens its data itself");
                }, (config, exit) -> {
                    launched.add(config);
                    exitWhenReady.add(exit);
                    return exit ? 7 : 0; // the window's exit code is the run's
                });
        return cli.run(args);
    }

    @Test
    void noArgumentsAndGuiLaunchTheDesktopWithTheSameSettings() {
        Map<String, String> env = Map.of("PRONTIVUS_HOME", home.toString(), "SYNC_INTERVAL_SECONDS", "45", "USER", "ana");

        assertThat(run(env)).isZero();
        assertThat(run(env, "gui")).isZero();

        assertThat(launched).hasSize(2);
        assertThat(launched.get(0).dataDirectory()).isEqualTo(home);
        assertThat(launched.get(0).effective(Setting.SYNC_INTERVAL_SECONDS).value()).isEqualTo("45");
        assertThat(launched.get(0).effective()).isEqualTo(launched.get(1).effective());
        assertThat(launched.get(0).sync()).isEqualTo(launched.get(1).sync());
        assertThat(home.resolve("logs")).isDirectory();
        assertThat(err.toString()).isEmpty();
        assertThat(exitWhenReady).containsExactly(false, false);
    }

    @Test
    void exitWhenReadyIsPassedToTheWindowAndItsExitCodeReturned() {
        assertThat(run(Map.of("PRONTIVUS_HOME", home.toString()), "gui", "--exit-when-ready")).isEqualTo(7);
        assertThat(exitWhenReady).containsExactly(true);
    }

    @Test
    void aBadSettingStopsBeforeTheWindowWithOneLine() {
        int code = run(Map.of("PRONTIVUS_HOME", home.toString(), "SYNC_CONFLICT_RESOLUTION", "coin_flip"));

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(launched).isEmpty();
        assertThat(err.toString().strip()).contains("SYNC_CONFLICT_RESOLUTION").contains("coin_flip")
                .doesNotContain("\n").doesNotContain("Exception");
    }
}
