package br.com.prontivus.ui.login;

import java.time.Duration;

/**
 * Slows down guessing at the desk: the first three failures cost nothing, then each further
 * attempt must wait {@code base × 2^(failures − 3)}, up to {@code max}. A success resets it.
 */
public final class LoginThrottle {

    public static final int FREE_ATTEMPTS = 3;
    private final Duration base;
    private final Duration max;
    private int failures;

    public LoginThrottle(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Records a failure and answers how long the next attempt must wait. */
    public Duration recordFailure() {
        failures++;
        return delay();
    }

    public void recordSuccess() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }

    public Duration delay() {
        if (failures < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - FREE_ATTEMPTS, 20);
        Duration d = base.multipliedBy(1L << exponent);
        return d.compareTo(max) > 0 ? max : d;
    }
}
