package br.com.prontivus.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The local SQLite file: one writer connection (writes are serialised, {@code BEGIN IMMEDIATE})
 * and a few reader connections. WAL with {@code synchronous=FULL}, so a confirmed write survives
 * a power cut, and readers never wait for the writer.
 */
public final class SqliteDatabase implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    public static final int DEFAULT_BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 3;
    /** Distinct statements kept prepared on the writer: the domain's write paths use a few dozen. */
    private static final int WRITER_STATEMENTS = 128;
    /** Distinct statements kept prepared on each reader (searches, lists, lookups). */
    private static final int READER_STATEMENTS = 64;
    private static final int WRITER_CACHE_KIB = 64 * 1024;

    private final Path file;
    private final int busyTimeoutMs;
    private final Settings settings;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private final Checkpointer checkpointer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private volatile boolean closed;
    private volatile ExecuteListener listener;

    private SqliteDatabase(Path file, int busyTimeoutMs, Settings settings) {
        this.file = file;
        this.busyTimeoutMs = busyTimeoutMs;
        this.settings = settings;
        this.writer = StatementCache.wrap(open(Role.WRITER), WRITER_STATEMENTS);
        Connection checkpoints = null;
        try {
            for (int i = 0; i < READERS; i++) {
                readers.add(StatementCache.wrap(open(Role.READER), READER_STATEMENTS));
            }
            checkpoints = open(Role.CHECKPOINTER);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(checkpoints);
            readers.forEach(SqliteDatabase::closeQuietly);
            throw e;
        }
        this.checkpointer = new Checkpointer(checkpoints, file.getFileName().toString());
    }

    /**
     * Opens (creating if needed) the SQLite file. A file that is not a SQLite database is refused
     * with {@link StoreException.Corrupt} before anything is written to it.
     */
    public static SqliteDatabase open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT_MS);
    }

    public static SqliteDatabase open(Path file, int busyTimeoutMs) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("Cannot create the folder of the local database " + absolute + ": " + e.getMessage(), e);
        }
        checkReadable(absolute, busyTimeoutMs);
        return new SqliteDatabase(absolute, busyTimeoutMs, JooqSettings.defaults());
    }

    /**
     * Reads the header through a read-only connection first: a damaged file or a file that is not
     * a database must be refused without a single byte written to it (setting WAL mode would write).
     */
    private static void checkReadable(Path file, int busyTimeoutMs) {
        if (!Files.exists(file)) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMs);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            // Reading the header is enough to tell a database from garbage; a full integrity
            // check costs a scan of the file and belongs to `status`, not to every start.
            s.executeQuery("PRAGMA schema_version").close();
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    private enum Role { WRITER, READER, CHECKPOINTER }

    private Connection open(Role role) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMs);
        config.enforceForeignKeys(true);
        switch (role) {
            case WRITER -> {
                config.setJournalMode(SQLiteConfig.JournalMode.WAL); // persistent in the file; readers inherit it
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            }
            // Readers never write; a read-only handle makes a mistake fail loudly instead of racing the writer.
            case READER -> config.setReadOnly(true);
            // Only runs checkpoints; FULL so that they sync as the writer's own would.
            case CHECKPOINTER -> config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + file);
            c.setAutoCommit(true);
            if (role == Role.WRITER) {
                // Checkpoints run in the background (Checkpointer), not inside a registration's COMMIT.
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_AUTOCHECKPOINT_PAGES);
                    // An import touches pages of ~20 B-trees per row; with the default 2 MiB cache they
                    // were re-read from the OS for every batch (a 20,000-row import: 1.1 s → 0.4 s of system
                    // time). Pages are only allocated as used, so a small clinic pays nothing.
                    s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
                }
            }
            return c;
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    /** Background checkpoints run so far (tests). */
    long checkpoints() {
        return checkpointer.checkpoints();
    }

    public Path file() {
        return file;
    }

    /**
     * Observes every statement run through {@link #read} and {@link #write} (the monitor's
     * timings); null removes it. Set it once, before the database is shared.
     */
    public void executeListener(ExecuteListener listener) {
        this.listener = listener;
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.SQLITE;
    }

    @Override
    public String label() {
        return file.toString();
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        ensureOpen();
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a database connection", e);
        }
        try {
            return work.apply(JooqSettings.using(c, SQLDialect.SQLITE, settings, listener));
        } catch (DataAccessException e) {
            throw translateOrRethrow(e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public <T> T write(Function<DSLContext, T> work) {
        ensureOpen();
        try {
            if (!writeLock.tryLock(busyTimeoutMs, TimeUnit.MILLISECONDS)) {
                throw new StoreException.Locked("The local database " + file
                        + " is busy with another write in this program; try again", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to write", e);
        }
        try {
            return inTransaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * One write transaction with SQLite's foreign key checks off on the writer (they can only be
     * switched outside a transaction), switched on again afterwards. Only for work whose every
     * reference is correct by construction: rebuilding derived rows from the parent rows read in
     * the same transaction, where the check would cost a parent lookup per row for nothing (4
     * million term rows after a bulk bootstrap: 30 s with the checks, 12 s without, in a model).
     */
    public <T> T writeWithoutForeignKeyChecks(Function<DSLContext, T> work) {
        return excludingOtherWriters(() -> {
            foreignKeys(false);
            try {
                return write(work);
            } finally {
                foreignKeys(true);
            }
        });
    }

    private void foreignKeys(boolean on) {
        try (java.sql.Statement s = writer.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    /**
     * Runs {@code work} (which may run several {@link #write} transactions of its own) while every
     * other writer of this program waits, and after the busy timeout fails as busy, exactly as when
     * a long transaction holds the writer. A bulk bootstrap uses it: between its transactions the
     * patients' indexes are missing, so no other write of this program may slip in.
     */
    public <T> T excludingOtherWriters(java.util.function.Supplier<T> work) {
        ensureOpen();
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to write", e);
        }
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T inTransaction(Function<DSLContext, T> work) {
        try {
            writer.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock is taken now, not mid-transaction
        } catch (SQLException e) {
            // No transaction was started (typically another process holds the lock): nothing to roll back.
            resetAutoCommit();
            throw translate(file, e);
        }
        try {
            T result = work.apply(JooqSettings.using(writer, SQLDialect.SQLITE, settings, listener));
            writer.commit();
            checkpointer.committed();
            return result;
        } catch (SQLException e) {
            rollback();
            throw translate(file, e);
        } catch (DataAccessException e) {
            rollback();
            throw translateOrRethrow(e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            resetAutoCommit();
        }
    }

    private void resetAutoCommit() {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("Could not restore autocommit on {}", file, e);
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed on {}", file, e);
        }
    }

    private RuntimeException translateOrRethrow(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        if (sql instanceof SQLiteException sqlite) {
            StoreException translated = translateKnown(file, sqlite);
            if (translated != null) {
                return translated;
            }
        }
        return e;
    }

    private static StoreException translate(Path file, SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            StoreException known = translateKnown(file, sqlite);
            if (known != null) {
                return known;
            }
        }
        return new StoreException("The local database " + file + " failed: " + firstLine(e.getMessage()), e);
    }

    private static StoreException translateKnown(Path file, SQLiteException e) {
        SQLiteErrorCode code = e.getResultCode();
        return switch (code.code & 0xff) {
            case 26 /* NOTADB */, 11 /* CORRUPT */ -> new StoreException.Corrupt(corruptMessage(file, code.message), e);
            case 5 /* BUSY */, 6 /* LOCKED */ -> new StoreException.Locked("The local database " + file
                    + " is locked by another process (another Prontivus window, a backup or a database tool?);"
                    + " close it and try again", e);
            case 14 /* CANTOPEN */ -> new StoreException("Cannot open the local database " + file
                    + ": check that the folder exists and is writable", e);
            case 8 /* READONLY */ -> new StoreException("The local database " + file + " is read-only;"
                    + " check the file's permissions", e);
            case 13 /* FULL */ -> new StoreException("The disk holding " + file + " is full", e);
            default -> null;
        };
    }

    private static String corruptMessage(Path file, String detail) {
        return "The local database " + file + " is damaged or is not a Prontivus database (" + firstLine(detail)
                + "); the file was left untouched: restore it from the backups folder or move it away";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The local database " + file + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        checkpointer.close();
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        for (int i = 0; i < READERS; i++) {
            try {
                Connection c = readers.poll(busyTimeoutMs, TimeUnit.MILLISECONDS);
                closeQuietly(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a SQLite connection failed", e);
        }
    }
}
