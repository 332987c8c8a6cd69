package br.com.prontivus.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of sync tests that share one {@link SyncWorld} per test class: a central PostgreSQL database
 * of its own and desktops in a temp folder, created before the first test and closed after the last.
 */
public abstract class SyncWorldTestBase {

    @TempDir
    protected static Path dir;
    protected static SyncWorld w;

    @BeforeAll
    static void startWorld() {
        w = SyncWorld.create(dir);
    }

    @AfterAll
    static void stopWorld() {
        w.close();
    }
}
