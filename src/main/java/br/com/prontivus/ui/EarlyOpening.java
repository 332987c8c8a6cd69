package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Opens the clinic data on its own thread from the moment the launcher knows the settings, so that it
 * overlaps the JavaFX toolkit's start instead of following it (on two cores the two take about a second
 * each; docs/PERFORMANCE.md, "Desktop"). The window claims the result; one nobody claimed is closed.
 */
final class EarlyOpening {

    private final CompletableFuture<Prontivus> opened = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    EarlyOpening(Supplier<Prontivus> opener) {
        Thread.ofPlatform().daemon().name("prontivus-open").start(() -> {
            try {
                opened.complete(opener.get());
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        });
    }

    /** Waits for the data and hands over its ownership; throws what opening threw. Off the JavaFX thread. */
    Prontivus claim() {
        claimed.set(true);
        try {
            return opened.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** When the window never claimed the data (it could not start): waits for the opening and closes it. */
    void closeUnclaimed() {
        if (!claimed.get()) {
            Prontivus app = opened.handle((done, failure) -> done).join(); // null when opening failed
            if (app != null) {
                app.close();
            }
        }
    }
}
