package br.com.prontivus.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * A Flyway location ({@code classpath:...} or {@code filesystem:...}) seen from our side: where the
 * rollback scripts {@code D<version>__<description>.sql} live, beside the V-scripts.
 */
final class ScriptLocation {

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private final String flywayLocation;
    private final Path directory;      // for filesystem locations
    private final String resourcePath; // for classpath locations
    private final ClassLoader classLoader;

    private ScriptLocation(String flywayLocation, Path directory, String resourcePath, ClassLoader classLoader) {
        this.flywayLocation = flywayLocation;
        this.directory = directory;
        this.resourcePath = resourcePath;
        this.classLoader = classLoader;
    }

    static ScriptLocation of(String location) {
        return of(location, ScriptLocation.class.getClassLoader());
    }

    static ScriptLocation of(String location, ClassLoader loader) {
        if (location.startsWith(FILESYSTEM)) {
            return new ScriptLocation(location, Path.of(location.substring(FILESYSTEM.length())), null, loader);
        }
        String path = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return new ScriptLocation(CLASSPATH + path, null, path, loader);
    }

    static ScriptLocation classpath(Dialect dialect) {
        return of(CLASSPATH + dialect.location());
    }

    /** The location string to hand to Flyway. */
    String flywayLocation() {
        return flywayLocation;
    }

    /** Name of the rollback script for a V-script name (which may carry sub-folders). */
    static String downScriptName(String upScript) {
        int slash = upScript.lastIndexOf('/');
        String folder = upScript.substring(0, slash + 1);
        String file = upScript.substring(slash + 1);
        if (file.isEmpty() || file.charAt(0) != 'V') {
            throw new IllegalArgumentException("Not a versioned migration script: " + upScript);
        }
        return folder + "D" + file.substring(1);
    }

    boolean exists(String relativeName) {
        if (directory != null) {
            return Files.isRegularFile(directory.resolve(relativeName));
        }
        return classLoader.getResource(resourcePath + "/" + relativeName) != null;
    }

    Optional<String> read(String relativeName) {
        try {
            if (directory != null) {
                Path file = directory.resolve(relativeName);
                return Files.isRegularFile(file)
                        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
            }
            try (InputStream in = classLoader.getResourceAsStream(resourcePath + "/" + relativeName)) {
                return in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + relativeName + " from " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Names of the {@code .sql} files directly in this location, sorted. For a classpath location the
     * folder is listed in the jar (or directory) it was loaded from; empty when the location does not exist.
     */
    List<String> scriptNames() {
        try {
            if (directory != null) {
                return listDirectory(directory);
            }
            URL url = classLoader.getResource(resourcePath);
            if (url == null) {
                return List.of();
            }
            if ("file".equals(url.getProtocol())) {
                return listDirectory(Path.of(url.toURI()));
            }
            if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(true); // the class loader's own open JarFile, not a second copy
                String prefix = resourcePath + "/";
                return jar.getJarFile().stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.endsWith(".sql"))
                        .map(n -> n.substring(prefix.length())).sorted().toList();
            }
            throw new IOException("cannot list a " + url.getProtocol() + " location");
        } catch (IOException | URISyntaxException e) {
            throw new UncheckedIOException(new IOException("Cannot list the scripts of " + this + ": " + e.getMessage(), e));
        }
    }

    private static List<String> listDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }

    @Override
    public String toString() {
        return directory != null ? directory.toString() : CLASSPATH + resourcePath;
    }
}
