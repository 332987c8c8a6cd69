package br.com.prontivus.sync;

import java.time.Clock;
import java.time.Instant;

/**
 * Hybrid logical clock packed in a long: the upper 48 bits are Unix milliseconds, the lower 16 a
 * counter. It never goes backwards even when the wall clock does, and it moves past every time it
 * has seen from other devices, so "newest" means the same thing on every desktop.
 */
public final class HybridLogicalClock {

    private static final int COUNTER_BITS = 16;

    private final Clock clock;
    private long last;

    public HybridLogicalClock(Clock clock) {
        this.clock = clock;
    }

    public HybridLogicalClock() {
        this(Clock.systemUTC());
    }

    /** A new timestamp for a local event. */
    public synchronized long tick() {
        long physical = clock.millis() << COUNTER_BITS;
        last = Math.max(physical, last + 1);
        return last;
    }

    /** Moves past a timestamp seen from another device (or stored on disk) and returns a new one. */
    public synchronized long observe(long seen) {
        long physical = clock.millis() << COUNTER_BITS;
        last = Math.max(physical, Math.max(last, seen) + 1);
        return last;
    }

    public static Instant toInstant(long hlc) {
        return Instant.ofEpochMilli(hlc >>> COUNTER_BITS);
    }

    public static int counter(long hlc) {
        return (int) (hlc & 0xFFFF);
    }
}
