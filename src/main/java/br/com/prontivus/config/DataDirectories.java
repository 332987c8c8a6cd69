package br.com.prontivus.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The per-user application data folder, which is the default data directory (PRONTIVUS_HOME). */
public final class DataDirectories {

    private DataDirectories() {}

    /**
     * Default data directory for an operating system:
     * <ul>
     *   <li>Windows: {@code %APPDATA%\Prontivus}, or {@code <home>\AppData\Roaming\Prontivus} when APPDATA is unset;
     *   <li>macOS: {@code <home>/Library/Application Support/Prontivus};
     *   <li>anything else (Linux, BSD): {@code $XDG_DATA_HOME/prontivus}, or {@code <home>/.local/share/prontivus}
     *       when XDG_DATA_HOME is unset, blank or relative (the XDG spec says relative values are invalid).
     * </ul>
     *
     * @param osName the {@code os.name} system property
     * @param userHome the {@code user.home} system property
     * @param environment environment variables (APPDATA, XDG_DATA_HOME are consulted)
     */
    public static Path defaultFor(String osName, Path userHome, Map<String, String> environment) {
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(environment, "environment");
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = isBlank(appData) ? userHome.resolve("AppData").resolve("Roaming") : Path.of(appData.strip());
            return base.resolve("Prontivus");
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Prontivus");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (!isBlank(xdg) && Path.of(xdg.strip()).isAbsolute()) {
            return Path.of(xdg.strip()).resolve("prontivus");
        }
        return userHome.resolve(".local").resolve("share").resolve("prontivus");
    }

    /** {@link #defaultFor} for the running JVM ({@code os.name}, {@code user.home}, {@link System#getenv()}). */
    public static Path currentDefault() {
        return defaultFor(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
