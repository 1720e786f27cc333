package io.sesame.user.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Portal login lockout: after {@link #FREE_ATTEMPTS} consecutive failures an account is locked, first for
 * {@link #BASE_LOCK}, doubling with each further failure up to {@link #MAX_LOCK}. A success resets the count.
 * Slows online guessing to a crawl without letting an attacker lock an account out for long.
 */
public final class LoginThrottle {

    public static final int FREE_ATTEMPTS = 5;
    public static final Duration BASE_LOCK = Duration.ofMinutes(1);
    public static final Duration MAX_LOCK = Duration.ofHours(1);

    private LoginThrottle() {
    }

    public static boolean locked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Until when the account is locked after its {@code failures}-th consecutive failure; null while attempts are free. */
    public static Instant lockAfter(int failures, Instant now) {
        if (failures < FREE_ATTEMPTS) {
            return null;
        }
        int doublings = Math.min(failures - FREE_ATTEMPTS, 20);
        Duration lock = BASE_LOCK.multipliedBy(1L << doublings);
        return now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }

    /** A new password must be long enough to resist guessing; why it is not, in words, or null when it is fine. */
    public static String weakness(String username, char[] password) {
        if (password == null || password.length < 12) {
            return "at least 12 characters";
        }
        if (username != null && new String(password).toLowerCase().contains(username.toLowerCase())) {
            return "must not contain the user name";
        }
        return null;
    }
}
