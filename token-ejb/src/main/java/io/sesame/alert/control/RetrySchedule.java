package io.sesame.alert.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed notification again: exponential backoff from a base delay (doubling, capped at one hour)
 * with ±20 % jitter so many alerts do not retry in lockstep; gives up after MAX_ATTEMPTS.
 */
public final class RetrySchedule {

    public static final int MAX_ATTEMPTS = 8;
    static final Duration CAP = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** Delay before attempt number {@code attemptsSoFar + 1}, or null when it is time to give up. */
    public static Duration delayAfter(int attemptsSoFar, Duration base) {
        if (attemptsSoFar >= MAX_ATTEMPTS) {
            return null;
        }
        long millis = base.toMillis() << Math.min(attemptsSoFar - 1, 20);
        millis = Math.min(millis, CAP.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }
}
