package br.com.prontivus.sync;

import static br.com.prontivus.testing.SyncWorld.requireOk;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.testing.Convergence;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 2: the process dies after the server committed a batch and before the desktop recorded
 * the acknowledgement. Restarted, the desktop pushes the same ops again; the server recognises every
 * op id, changes nothing, and the queue drains.
 */
class KillAfterServerCommitTest {

    @TempDir
    Path dir;

    @Test
    void aBatchCommittedBeforeTheCrashIsRecognisedAfterTheRestart() throws Exception {
        try (SyncWorld w = SyncWorld.create(dir)) {
            Desktop a = w.first("crash", Map.of());
            Path dataDir = dir.resolve("crash");
            for (int i = 0; i < 20; i++) {
                Edits.register(a, "Antes da queda " + i);
            }
            int queued = a.engine().queue().counts().getOrDefault("pending", 0);
            a.close();
            w.forget(a);
            long appliedBefore = w.count("SELECT count(*) FROM applied_ops");

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KillAfterCommitMain.class.getName(), dataDir.toString(), "crash", w.url())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes());
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isEqualTo(137);
            long appliedAfterCrash = w.count("SELECT count(*) FROM applied_ops");
            assertThat(appliedAfterCrash - appliedBefore).as("the server committed the batch").isEqualTo(queued);

            Desktop again = w.open("crash", Map.of());
            assertThat(again.engine().queue().counts().getOrDefault("pending", 0))
                    .as("the desktop never saw the acknowledgement").isEqualTo(queued);
            SyncEngine.Report r = requireOk(again.sync());
            assertThat(r.alreadyApplied()).isEqualTo(queued);
            assertThat(r.pushed()).isZero();
            assertThat(w.count("SELECT count(*) FROM applied_ops")).as("nothing applied twice").isEqualTo(appliedAfterCrash);
            assertThat(again.engine().queue().counts().getOrDefault("pending", 0)).isZero();
            assertThat(w.count("SELECT count(*) FROM patients WHERE full_name LIKE 'Antes da queda%'")).isEqualTo(20);
            Convergence.assertConverged(w.url(), again.clinicId(), List.of(again));
        }
    }
}
