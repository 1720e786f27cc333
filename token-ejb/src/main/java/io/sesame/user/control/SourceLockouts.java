package io.sesame.user.control;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;

/**
 * Portal lockout per account <em>and</em> client address ({@link LoginThrottle}'s doubling locks): whoever guesses an
 * account's password from one address locks that address out of that account, not the account's owner signing in from
 * elsewhere — so one attacker cannot keep {@code admin} locked. Per instance, bounded (Caffeine), forgotten an hour after
 * the longest lock.
 */
public final class SourceLockouts {

    static final long MAX_ENTRIES = 100_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final ConcurrentMap<String, State> states = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterAccess(LoginThrottle.MAX_LOCK.plus(Duration.ofHours(1)))
            .<String, State>build().asMap();

    private static String key(String username, String source) {
        return username + "\u0000" + (source == null ? "?" : source);
    }

    /** Until when this address is locked out of this account, or null. */
    public Instant lockedUntil(String username, String source, Instant now) {
        State state = states.get(key(username, source));
        return state != null && LoginThrottle.locked(state.lockedUntil(), now) ? state.lockedUntil() : null;
    }

    /** Counts a wrong password from this address; returns until when it is now locked out, or null while attempts are free. */
    public Instant failed(String username, String source, Instant now) {
        State next = states.compute(key(username, source), (k, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            return new State(failures, LoginThrottle.lockAfter(failures, now));
        });
        return next.lockedUntil();
    }

    /** Consecutive wrong passwords from this address for this account. */
    public int failures(String username, String source) {
        State state = states.get(key(username, source));
        return state == null ? 0 : state.failures();
    }

    public void succeeded(String username, String source) {
        states.remove(key(username, source));
    }

    /** An administrator unlocked the account: every address may try again. */
    public void clear(String username) {
        states.keySet().removeIf(k -> k.startsWith(username + "\u0000"));
    }
}
