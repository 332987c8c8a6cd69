package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.PatientDraft;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import org.junit.jupiter.api.Test;

/**
 * While slow work runs on the desktop's background executor (a large import, and a call that hangs
 * like a sync against a server that does not answer), the JavaFX thread keeps its pulse: no gap
 * between two frames exceeds 100 ms, and typing in the search still reaches the screen.
 */
class ResponsivenessTest extends DesktopTestSupport {

    @Test
    void theFxThreadNeverStallsWhileSlowWorkRuns() throws Exception {
        open(Locale.ENGLISH, true);
        for (int i = 0; i < 40; i++) {
            services().patients().register(Actor.system("tester"), new PatientDraft("Paciente Antigo " + i, null,
                    null, null, null, null, null, null, null));
        }
        loginAsMaria();
        // The desk has been in use: the table has shown rows before (first-ever layout is not what we measure).
        waitFor(() -> lookup("#patientTable").queryTableView().getItems().size() == 40);
        clickOn("#patientSearchField").write("antigo 7");
        waitFor(() -> lookup("#patientTable").queryTableView().getItems().size() == 1);
        press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.CONTROL);
        type(javafx.scene.input.KeyCode.BACK_SPACE);
        waitFor(() -> lookup("#patientTable").queryTableView().getItems().size() == 40);

        AtomicLong last = new AtomicLong();
        java.util.List<Long> gaps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AnimationTimer heartbeat = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long previous = last.getAndSet(t);
                if (previous != 0) {
                    gaps.add(t - previous);
                }
            }
        };
        onFx(() -> {
            heartbeat.start();
            return null;
        });
        // A watchdog samples the FX thread: it must never be seen inside our work or the database.
        Thread fx = onFx(Thread::currentThread);
        java.util.Set<String> blockedIn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (StackTraceElement e : fx.getStackTrace()) {
                    String c = e.getClassName();
                    if (c.startsWith("org.sqlite") || c.startsWith("java.sql") || c.startsWith("org.jooq")
                            || c.startsWith("br.com.prontivus.store") || c.equals("br.com.prontivus.clinic.ClinicData")
                            || (c.startsWith("br.com.prontivus.clinic") && c.endsWith("Service"))
                            || (c.equals("java.lang.Thread") && e.getMethodName().equals("sleep"))) {
                        blockedIn.add(e.toString());
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        CountDownLatch importDone = new CountDownLatch(1);
        AtomicBoolean hangReleased = new AtomicBoolean();
        CountDownLatch hang = new CountDownLatch(1);
        int count = 400;
        onFx(() -> {
            // A large import: many real writes to SQLite, one transaction each.
            desktop.background().run(() -> {
                Actor actor = Actor.system("import");
                for (int i = 0; i < count; i++) {
                    services().patients().register(actor, new PatientDraft("Paciente Importado " + i, null, null,
                            null, null, null, null, null, null));
                }
                return count;
            }, n -> importDone.countDown(), failure -> importDone.countDown());
            // A call that does not answer (what a sync against a dead server looks like from here).
            desktop.background().run(() -> hang.await(30, TimeUnit.SECONDS), ok -> hangReleased.set(true),
                    failure -> hangReleased.set(true));
            return null;
        });

        // Staff keep typing meanwhile; the search answers even while the import writes.
        clickOn("#patientSearchField").write("paciente importado 1");
        assertThat(importDone.await(60, TimeUnit.SECONDS)).isTrue();
        hang.countDown();
        waitFor(hangReleased::get);
        waitFor(() -> !lookup("#patientTable").queryTableView().getItems().isEmpty());
        onFx(() -> {
            heartbeat.stop();
            return null;
        });

        watchdog.interrupt();
        java.util.List<Long> sorted = new java.util.ArrayList<>(gaps);
        java.util.Collections.sort(sorted);
        long maxMs = sorted.getLast() / 1_000_000;
        long p99Ms = sorted.get((int) Math.floor(sorted.size() * 0.99) - 1) / 1_000_000;
        long medianMs = sorted.get(sorted.size() / 2) / 1_000_000;
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        System.out.printf("heartbeat: %d frames, median gap %d ms, p99 %d ms, longest %d ms (load %.1f on %d CPUs)%n",
                sorted.size() + 1, medianMs, p99Ms, maxMs, load, cpus);

        assertThat(blockedIn).as("the FX thread ran database or domain code").isEmpty();
        assertThat(sorted.size()).isGreaterThan(10);
        if (load < cpus) {
            assertThat(maxMs).as("longest gap between two JavaFX pulses").isLessThanOrEqualTo(100);
        } else {
            // A machine shared with other builds starves every thread, the pulse timer and the renderer
            // included: wall-clock gaps then measure the machine, not the desk. The FX thread was shown above
            // never to run database or domain code, which is what this test guards; the timing is skipped.
            org.junit.jupiter.api.Assumptions.abort(String.format(
                    "machine overloaded (load %.1f on %d CPUs): longest pulse gap %d ms not asserted", load, cpus, maxMs));
        }
        assertThat(services().patients().count()).isEqualTo(count + 40);
    }
}
