package br.com.prontivus.monitor;

/**
 * Told of every alert after it was recorded, on the monitor's thread: the desktop shows a
 * notification (hand it to the UI thread), the local API could push it. Must not block.
 */
@FunctionalInterface
public interface AlertListener {
    void alert(Alert alert);
}
