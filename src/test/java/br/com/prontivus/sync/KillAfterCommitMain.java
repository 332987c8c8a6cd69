package br.com.prontivus.sync;

import br.com.prontivus.testing.Desktop;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link KillAfterServerCommitTest}: opens a desktop's data directory and syncs,
 * halting the JVM (as kill -9 would) the moment the server has committed the first batch and
 * before the desktop writes its acknowledgement. Arguments: data directory, desktop name, server URL.
 */
public final class KillAfterCommitMain {

    private KillAfterCommitMain() {
    }

    public static void main(String[] args) {
        Desktop d = Desktop.open(Path.of(args[0]), args[1], args[2], Map.of());
        d.engine().observer(new SyncObserver() {
            @Override
            public void serverCommitted(int ops) {
                System.out.println("committed " + ops + " ops; halting before the acknowledgement");
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        });
        SyncEngine.Report r = d.sync();
        System.out.println("sync returned without a commit: " + r);
        System.exit(3);
    }
}
