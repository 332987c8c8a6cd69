package br.com.prontivus.migration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that a SQLite file's migration history was validated against the bundled scripts, so the
 * next start with the same scripts and the same history can skip Flyway, which costs about half a
 * second of a desktop's cold start (docs/PERFORMANCE.md, "Desktop").
 *
 * <p>The seal is a SHA-256 over every script of the location (name and bytes) and every row of the
 * history table. Flyway's validation, with our fixed configuration, is a function of exactly those two
 * inputs, so an equal seal means an equal verdict. An edited, added or removed script, a migration, a
 * rollback or a hand edit of the history changes the seal, and the full check runs again. The seal
 * lives in a small file beside the database; losing it, or failing to write it, only costs one full check.
 */
public final class SchemaSeal {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSeal.class);

    /** Bump when the Flyway configuration in {@link Migrator} changes what validation accepts. */
    private static final String RULES = "prontivus-validate-1";
    private static final String SUFFIX = ".schema-seal";

    private SchemaSeal() {
    }

    /** The file beside a database that holds its seal (to delete with the database). */
    public static Path fileFor(Path sqliteFile) {
        return sqliteFile.resolveSibling(sqliteFile.getFileName() + SUFFIX);
    }

    /** The seal of these scripts and this history; empty when the file has no history table yet. */
    static Optional<String> compute(Connection c, ScriptLocation scripts, String historyTable) throws SQLException {
        MessageDigest sha = sha256();
        update(sha, RULES);
        for (String name : scripts.scriptNames()) {
            update(sha, name);
            update(sha, scripts.read(name).orElseThrow());
        }
        try (Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + historyTable + "'")) {
                if (!exists.next() || exists.getInt(1) == 0) {
                    return Optional.empty();
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT * FROM " + historyTable + " ORDER BY installed_rank")) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        update(sha, String.valueOf(rows.getString(i)));
                    }
                }
            }
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    static boolean matches(Path sealFile, String seal) {
        try {
            return Files.isRegularFile(sealFile) && Files.readString(sealFile, StandardCharsets.US_ASCII).strip().equals(seal);
        } catch (IOException e) {
            LOG.debug("Cannot read {}", sealFile, e);
            return false;
        }
    }

    /** Best effort: a read-only folder only means the next start validates in full again. */
    static void write(Path sealFile, String seal) {
        Path temp = sealFile.resolveSibling(sealFile.getFileName() + ".tmp");
        try {
            Files.writeString(temp, seal + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, sealFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, sealFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.debug("Cannot write the schema seal {}", sealFile, e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array()); // "ab"+"c" ≠ "a"+"bc"
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
