package br.com.prontivus.sync;

import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link BulkBootstrapTest}: opens a joined desktop's data directory and bootstraps
 * it in chunks of 7 rows, halting the JVM (as kill -9 would) after the third chunk has committed,
 * that is in the middle of a bulk load with the indexes dropped. Arguments: data directory, desktop
 * name, server URL.
 */
public final class BulkBootstrapCrashMain {

    private BulkBootstrapCrashMain() {
    }

    public static void main(String[] args) {
        Desktop d = Desktop.open(Path.of(args[0]), args[1], args[2], Map.of());
        SyncEngine engine = SyncWorld.engine(d, 500, 7, 3);
        engine.observer(new SyncObserver() {
            private int chunks;

            @Override
            public void pulled(int rows, long cursor) {
                if (++chunks == 3) {
                    System.out.println("pulled " + rows + " rows up to " + cursor + "; halting mid-bootstrap");
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
            }
        });
        SyncEngine.Report r = engine.syncNow();
        System.out.println("sync returned without the crash: " + r);
        System.exit(3);
    }
}
