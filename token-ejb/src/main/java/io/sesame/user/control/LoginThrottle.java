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
    /**
     * Consecutive failures of an account from all addresses together before the account itself is locked (doubling
     * from {@link #BASE_LOCK}): the cap on guessing from many addresses. One address, locked after
     * {@link #FREE_ATTEMPTS} and doubling, reaches it only after hours, so a single attacker cannot lock an account out.
     */
    public static final int ACCOUNT_FREE_ATTEMPTS = 50;

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

    /** Until when the account itself is locked after its {@code failures}-th consecutive failure from any address; null below the cap. */
    public static Instant accountLockAfter(int failures, Instant now) {
        if (failures < ACCOUNT_FREE_ATTEMPTS) {
            return null;
        }
        return lockAfter(failures - ACCOUNT_FREE_ATTEMPTS + FREE_ATTEMPTS, now);
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
