package br.com.prontivus.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Creates the script files of a new migration for both dialects. */
public final class MigrationScripts {

    /** Default migration root for the CLI, relative to the working directory. */
    public static final Path DEFAULT_ROOT = Path.of("src", "main", "resources", "db", "migration");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_ ]+");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyy_MM_dd_HHmm");

    private MigrationScripts() {
    }

    /** The four files of one new migration. */
    public record Created(String version, Path sqliteUp, Path sqliteDown, Path postgresUp, Path postgresDown) {

        public List<Path> all() {
            return List.of(sqliteUp, sqliteDown, postgresUp, postgresDown);
        }
    }

    /**
     * Writes {@code <root>/sqlite/V<yyyy_MM_dd_HHmm>__<snake_name>.sql} and its {@code D...} rollback
     * script, and the same pair under {@code <root>/postgresql/}, each with a header comment.
     *
     * @param name lower-case words, digits, spaces or underscores, e.g. {@code add patient notes}
     * @throws MigrationException for a bad name, a version that already exists, or an I/O error
     */
    public static Created create(Path migrationRoot, String name, Clock clock) {
        Objects.requireNonNull(migrationRoot, "migrationRoot");
        Objects.requireNonNull(clock, "clock");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MigrationException("Invalid migration name '" + name
                    + "': use only lower-case letters, digits, spaces and underscores, e.g. 'add patient notes'");
        }
        String snake = name.strip().replaceAll("[ _]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            throw new MigrationException("Invalid migration name '" + name + "': it has no letters or digits");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        String version = now.format(VERSION);
        String dotted = version.replace('_', '.');
        String description = snake.replace('_', ' ');

        for (Dialect dialect : Dialect.values()) {
            Path dir = migrationRoot.resolve(dialect.folderName());
            List<String> clashes = filesWithVersion(dir, version);
            if (!clashes.isEmpty()) {
                throw new MigrationException("Migration version " + dotted + " already exists in " + dir + " ("
                        + String.join(", ", clashes) + "); wait a minute and try again");
            }
        }

        String upName = "V" + version + "__" + snake + ".sql";
        String downName = "D" + version + "__" + snake + ".sql";
        List<Path> written = new ArrayList<>();
        try {
            Path[] paths = new Path[4];
            int i = 0;
            for (Dialect dialect : Dialect.values()) {
                Path dir = migrationRoot.resolve(dialect.folderName());
                Files.createDirectories(dir);
                Path up = dir.resolve(upName);
                Path down = dir.resolve(downName);
                write(up, upHeader(dialect, dotted, description, downName), written);
                write(down, downHeader(dialect, dotted, description, upName), written);
                paths[i++] = up;
                paths[i++] = down;
            }
            return new Created(dotted, paths[0], paths[1], paths[2], paths[3]);
        } catch (IOException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new MigrationException("Cannot create the scripts of migration " + dotted + " under "
                    + migrationRoot + ": " + e.getMessage(), e);
        }
    }

    private static List<String> filesWithVersion(Path dir, String version) {
        List<String> clashes = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return clashes;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith("V" + version + "__") || n.startsWith("D" + version + "__")) {
                    clashes.add(n);
                }
            }
        } catch (IOException e) {
            throw new MigrationException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        clashes.sort(null);
        return clashes;
    }

    private static void write(Path file, String content, List<Path> written) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        written.add(file);
    }

    private static String upHeader(Dialect dialect, String version, String description, String downName) {
        return "-- Migration " + version + ": " + description + " (" + dialect.displayName() + ")\n"
                + "-- Never edit this file once it has been applied anywhere: Flyway checks its checksum.\n"
                + "-- Keep the other dialect's script with the same version in step, and write the undo in\n"
                + "-- " + downName + " (run by Prontivus in one transaction on rollback).\n\n";
    }

    private static String downHeader(Dialect dialect, String version, String description, String upName) {
        return "-- Rollback of migration " + version + ": " + description + " (" + dialect.displayName() + ")\n"
                + "-- Undoes " + upName + ". Prontivus runs it in one transaction together with removing\n"
                + "-- the version's row from flyway_schema_history (Flyway's open-source edition has no undo).\n\n";
    }
}
