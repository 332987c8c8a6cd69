package br.com.prontivus.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of tests that run on both dialects: one {@link DialectStores} per test class (a SQLite
 * template in a temp folder and one PostgreSQL test database), SQLite files closed after each test.
 */
public abstract class DialectTestBase {

    @TempDir
    protected static Path dir;
    protected static DialectStores stores;

    @BeforeAll
    static void startStores() {
        stores = new DialectStores(dir);
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @AfterEach
    void closeSqliteFiles() {
        stores.closeSqlite();
    }
}
