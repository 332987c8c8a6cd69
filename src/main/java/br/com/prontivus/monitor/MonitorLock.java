package br.com.prontivus.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One monitor per data directory: an OS file lock on {@code monitor.lock} (released by the OS if
 * the process dies, so a crash never leaves a stale lock), with who holds it in
 * {@code monitor.pid} (a separate file: Windows forbids reading a locked region). A stop is
 * requested by creating {@code monitor.stop}, which the running monitor polls; that works on every
 * OS and lets it finish its sample and release the lock cleanly.
 */
public final class MonitorLock implements AutoCloseable {

    public static final String LOCK_FILE = "monitor.lock";
    public static final String PID_FILE = "monitor.pid";
    public static final String STOP_FILE = "monitor.stop";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    /** Who runs the monitor of a data directory. */
    public record Holder(long pid, Instant startedAt, long intervalSeconds) {
    }

    private MonitorLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when a monitor already runs for this directory. */
    public static Optional<MonitorLock> tryAcquire(Path directory, long intervalSeconds) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            Files.deleteIfExists(directory.resolve(STOP_FILE)); // a request meant for an earlier monitor
            Properties p = new Properties();
            p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
            p.setProperty("started_at", Instant.now().toString());
            p.setProperty("interval_seconds", String.valueOf(intervalSeconds));
            try (var out = Files.newBufferedWriter(directory.resolve(PID_FILE), StandardCharsets.UTF_8)) {
                p.store(out, "Prontivus monitor");
            }
            return Optional.of(new MonitorLock(directory, channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the monitor lock in " + directory, e);
        }
    }

    /** The running monitor of a directory, if any (the lock is held by someone). */
    public static Optional<Holder> running(Path directory) {
        Path file = directory.resolve(LOCK_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null; // held inside this very process
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Holder holder = holder(directory);
        for (int i = 0; i < 25 && holder.pid() < 0; i++) { // the holder writes the pid just after locking
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            holder = holder(directory);
        }
        return Optional.of(holder);
    }

    private static Holder holder(Path directory) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(directory.resolve(PID_FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return new Holder(-1, null, 0);
        }
        long pid = parse(p.getProperty("pid"), -1);
        Instant started = null;
        try {
            started = Instant.parse(p.getProperty("started_at", ""));
        } catch (RuntimeException ignored) {
            // unknown
        }
        return new Holder(pid, started, parse(p.getProperty("interval_seconds"), 0));
    }

    private static long parse(String s, long fallback) {
        try {
            return Long.parseLong(s == null ? "" : s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Asks the monitor of a directory to stop after its current sample. */
    public static void requestStop(Path directory) {
        try {
            Files.writeString(directory.resolve(STOP_FILE), Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask the monitor in " + directory + " to stop", e);
        }
    }

    public boolean stopRequested() {
        return Files.exists(directory.resolve(STOP_FILE));
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(directory.resolve(STOP_FILE));
            Files.deleteIfExists(directory.resolve(PID_FILE));
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the monitor lock in " + directory, e);
        }
    }
}
