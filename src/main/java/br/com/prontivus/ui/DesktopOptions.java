package br.com.prontivus.ui;

import java.time.Duration;

/**
 * Timings of the desktop, injectable so tests need not wait for real-life delays.
 *
 * @param searchDebounce pause after the last keystroke before the patient search runs; zero (the
 *                       default) starts it at once, one query at a time, the latest text next
 * @param loginDelayBase delay after the third failed login; it doubles with each further failure
 * @param loginDelayMax  the longest delay between login attempts
 * @param statusRefresh  how often the status bar re-reads the outbox and the link
 * @param queueRefresh   how often the queue re-reads today's appointments (other desks write too)
 */
public record DesktopOptions(Duration searchDebounce, Duration loginDelayBase, Duration loginDelayMax,
                             Duration statusRefresh, Duration queueRefresh) {

    public static DesktopOptions defaults() {
        return new DesktopOptions(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
