package br.com.prontivus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoriesTest {

    @TempDir
    Path fakeHome;

    private static final String OS = System.getProperty("os.name");

    private static boolean isWindows() {
        return OS.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static boolean isMac() {
        return OS.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    @Test
    void currentOsDefaultWithoutEnvironment() {
        Path expected;
        if (isWindows()) {
            expected = fakeHome.resolve("AppData").resolve("Roaming").resolve("Prontivus");
        } else if (isMac()) {
            expected = fakeHome.resolve("Library").resolve("Application Support").resolve("Prontivus");
        } else {
            expected = fakeHome.resolve(".local").resolve("share").resolve("prontivus");
        }

        assertThat(DataDirectories.defaultFor(OS, fakeHome, Map.of())).isEqualTo(expected);
    }

    @Test
    void currentOsDefaultHonoursItsEnvironmentVariable() {
        Path base = fakeHome.resolve("custom");
        Path expected;
        Map<String, String> env;
        if (isWindows()) {
            env = Map.of("APPDATA", base.toString());
            expected = base.resolve("Prontivus");
        } else if (isMac()) {
            env = Map.of("XDG_DATA_HOME", base.toString()); // ignored on macOS
            expected = fakeHome.resolve("Library").resolve("Application Support").resolve("Prontivus");
        } else {
            env = Map.of("XDG_DATA_HOME", base.toString());
            expected = base.resolve("prontivus");
        }

        assertThat(DataDirectories.defaultFor(OS, fakeHome, env)).isEqualTo(expected);
    }

    @Test
    void linuxIgnoresBlankOrRelativeXdgDataHome() {
        Path fallback = fakeHome.resolve(".local/share/prontivus");

        assertThat(DataDirectories.defaultFor("Linux", fakeHome, Map.of("XDG_DATA_HOME", "  "))).isEqualTo(fallback);
        assertThat(DataDirectories.defaultFor("Linux", fakeHome, Map.of("XDG_DATA_HOME", "rel/dir"))).isEqualTo(fallback);
        assertThat(DataDirectories.defaultFor("FreeBSD", fakeHome, Map.of())).isEqualTo(fallback);
    }

    @Test
    void macOsFolder() {
        assertThat(DataDirectories.defaultFor("Mac OS X", fakeHome, Map.of()))
                .isEqualTo(fakeHome.resolve("Library/Application Support/Prontivus"));
    }

    @Test
    void windowsWithoutAppDataFallsBackToRoamingUnderHome() {
        assertThat(DataDirectories.defaultFor("Windows 11", fakeHome, Map.of()))
                .isEqualTo(fakeHome.resolve("AppData").resolve("Roaming").resolve("Prontivus"));
    }

    @Test
    void loaderUsesTheOsDefaultForTheGivenHome() {
        AppConfig c = ConfigLoader.load(Map.of(), Map.of(), OS, fakeHome);

        assertThat(c.dataDirectory()).isEqualTo(DataDirectories.defaultFor(OS, fakeHome, Map.of()));
        assertThat(c.dataDirectory()).startsWithRaw(fakeHome);
    }
}
