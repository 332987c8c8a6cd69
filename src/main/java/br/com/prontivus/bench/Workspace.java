package br.com.prontivus.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The throw-away folder a benchmark runs in: new, inside {@code parent} or the system temp folder,
 * never the user's data directory; deleted afterwards unless asked to keep it.
 */
public record Workspace(Path root) implements AutoCloseable {

    public static Workspace create(Path parent, String prefix) throws IOException {
        return new Workspace(parent == null ? Files.createTempDirectory(prefix)
                : Files.createTempDirectory(Files.createDirectories(parent), prefix));
    }

    /** Where the benchmark writes its data directory. */
    public Path run() {
        return root.resolve("run");
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
