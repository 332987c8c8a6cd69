package br.com.prontivus.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desk remembers between runs on this computer: light or dark theme and the window's size.
 * Kept in {@code desktop.properties} in the data directory (not the OS registry, so a test's or a
 * second clinic's data directory carries its own). A missing or damaged file means the defaults;
 * failing to save is logged and otherwise ignored: none of this is clinic data.
 */
public final class DesktopPreferences {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopPreferences.class);
    public static final String FILE_NAME = "desktop.properties";

    private final Path file; // null: remembered for this run only
    private boolean dark;
    private double width = Desktop.WIDTH;
    private double height = Desktop.HEIGHT;
    private boolean maximized;

    private DesktopPreferences(Path file) {
        this.file = file;
    }

    /** Preferences that are not kept after the window closes. */
    public static DesktopPreferences forThisRunOnly() {
        return new DesktopPreferences(null);
    }

    /** The preferences kept in {@code dataDirectory}; the defaults when there are none yet. */
    public static DesktopPreferences load(Path dataDirectory) {
        DesktopPreferences p = new DesktopPreferences(dataDirectory.resolve(FILE_NAME));
        if (!Files.isRegularFile(p.file)) {
            return p;
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(p.file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable desktop preferences {}: {}", p.file, e.getMessage());
            return p;
        }
        p.dark = "dark".equals(props.getProperty("theme"));
        p.maximized = Boolean.parseBoolean(props.getProperty("window.maximized"));
        number(props, "window.width").ifPresent(w -> p.width = w);
        number(props, "window.height").ifPresent(h -> p.height = h);
        return p;
    }

    private static Optional<Double> number(Properties props, String key) {
        try {
            double v = Double.parseDouble(props.getProperty(key, ""));
            return v > 0 && v < 100_000 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean dark() { return dark; }
    public double width() { return width; }
    public double height() { return height; }
    public boolean maximized() { return maximized; }

    /** Records the state at close; the size is kept from before a maximise, so un-maximising restores it. */
    public void remember(boolean dark, double width, double height, boolean maximized) {
        this.dark = dark;
        this.maximized = maximized;
        if (!maximized && width > 0 && height > 0) {
            this.width = width;
            this.height = height;
        }
    }

    public void save() {
        if (file == null) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("theme", dark ? "dark" : "light");
        props.setProperty("window.width", String.valueOf(Math.round(width)));
        props.setProperty("window.height", String.valueOf(Math.round(height)));
        props.setProperty("window.maximized", String.valueOf(maximized));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "Prontivus desktop: theme and window (safe to delete)");
        } catch (IOException e) {
            LOG.warn("Could not save the desktop preferences {}: {}", file, e.getMessage());
        }
    }
}
