package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data opened while the toolkit starts: handed over once, failures passed on as they were, never leaked. */
class EarlyOpeningTest {

    @TempDir
    Path home;

    private Prontivus open() {
        return Prontivus.open(ConfigLoader.forDataDirectory(home),
                new Prontivus.Options(Clock.systemUTC(), ZoneId.of("America/Sao_Paulo"), TestStores.FAST_HASHER,
                        "tester", true));
    }

    @Test
    void theWindowClaimsWhatWasOpenedOnTheOtherThread() {
        AtomicReference<String> thread = new AtomicReference<>();
        EarlyOpening early = new EarlyOpening(() -> {
            thread.set(Thread.currentThread().getName());
            return open();
        });
        try (Prontivus app = early.claim()) {
            assertThat(selectOne(app)).isEqualTo(1);
            early.closeUnclaimed(); // claimed: the window owns it, nothing is closed here
            assertThat(selectOne(app)).isEqualTo(1);
        }
        assertThat(thread.get()).isEqualTo("prontivus-open");
    }

    @Test
    void aFailureToOpenReachesTheWindowUnwrapped() {
        IllegalStateException refused = new IllegalStateException("prontivus.db is locked by another program");
        EarlyOpening early = new EarlyOpening(() -> {
            throw refused;
        });
        assertThatThrownBy(early::claim).isSameAs(refused);
    }

    @Test
    void aFailedOpeningNobodyClaimedLeavesNothingToClose() {
        EarlyOpening early = new EarlyOpening(() -> {
            throw new IllegalStateException("no display, no data");
        });
        early.closeUnclaimed(); // the window never came up and the data never opened: nothing to do, no error
    }

    @Test
    void dataNobodyClaimedIsClosedEvenWhenStillOpening() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Prontivus> opened = new AtomicReference<>();
        EarlyOpening early = new EarlyOpening(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            opened.set(open());
            return opened.get();
        });
        Thread.ofVirtual().start(() -> {
            sleep(100);
            release.countDown();
        });
        early.closeUnclaimed(); // the window never came up: waits for the opening, then closes it

        assertThat(opened.get()).isNotNull();
        assertThatThrownBy(() -> selectOne(opened.get()));
    }

    private static int selectOne(Prontivus app) {
        return app.local().<Integer>read(dsl -> dsl.fetchCount(org.jooq.impl.DSL.selectOne()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
