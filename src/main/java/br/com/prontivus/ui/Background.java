package br.com.prontivus.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's background executor. Every database or network call of the UI goes through
 * {@link #run}: the work runs on a worker thread, the callbacks on the JavaFX thread.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private final ExecutorService executor;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");

    public Background() {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "prontivus-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} off the JavaFX thread; exactly one of the callbacks runs on the JavaFX thread. */
    public <T> Task<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            try {
                onSuccess.accept(task.getValue());
            } finally {
                done();
            }
        });
        task.setOnFailed(e -> {
            try {
                Throwable failure = task.getException();
                LOG.debug("Background work failed", failure);
                onFailure.accept(failure);
            } finally {
                done();
            }
        });
        if (executor.isShutdown()) {
            LOG.debug("Background work refused: the desktop is closing");
            return task;
        }
        inFlight.incrementAndGet();
        updateRunning();
        executor.execute(task);
        return task;
    }

    private void done() {
        inFlight.decrementAndGet();
        updateRunning();
    }

    private void updateRunning() {
        if (Platform.isFxApplicationThread()) {
            running.set(inFlight.get());
        } else {
            Platform.runLater(() -> running.set(inFlight.get()));
        }
    }

    /** Tasks submitted and not yet finished (callbacks included). */
    public int inFlight() {
        return inFlight.get();
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
