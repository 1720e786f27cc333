package io.sesame.token.control;

import io.sesame.platform.control.SesameException;
import io.sesame.token.entity.KeyStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The one key state machine: every transition of an API key, what it requires and the state after, in one place.
 * The services apply the result to the stored key and record the change's lifecycle event; admission
 * ({@link KeyAdmission}) reads the same state. A rotated key keeps its grace deadline whatever happens to it later
 * (suspension, reactivation), so a retired secret never becomes usable again and presenting it is always reuse.
 *
 * <pre>
 *   ACTIVE ──rotate──▶ ROTATED_IN_GRACE ──(grace ends: retired; presenting it is reuse)
 *     │  ▲                 │  ▲
 *  suspend reactivate   suspend reactivate (back to where it was, deadlines kept)
 *     ▼  │                 ▼  │
 *   SUSPENDED ◀────────────┘
 *   any but REVOKED ──revoke──▶ REVOKED (final)      ACTIVE, ROTATED_IN_GRACE, SUSPENDED ──expire──▶ EXPIRED
 * </pre>
 */
public final class KeyLifecycle {

    private KeyLifecycle() {
    }

    /**
     * Where a key stands.
     *
     * @param graceUntil set once, when the key is rotated out; never cleared
     * @param revokedAt  when it was revoked, else null
     */
    public record State(KeyStatus status, Instant expiresAt, Instant graceUntil, Instant revokedAt) {

        public State {
            Objects.requireNonNull(status);
            Objects.requireNonNull(expiresAt);
        }

        /** A new key. */
        public static State issued(Instant expiresAt) {
            return new State(KeyStatus.ACTIVE, expiresAt, null, null);
        }

        /** Rotated out and past its grace: the secret is retired, whatever the status says. */
        public boolean retiredAt(Instant now) {
            return graceUntil != null && !now.isBefore(graceUntil);
        }

        /** Whether the key's secret and tokens may be used now (its application and the caller's address aside). */
        public boolean usableAt(Instant now) {
            return status.isLive() && now.isBefore(expiresAt) && !retiredAt(now);
        }

        private State with(KeyStatus next) {
            return new State(next, expiresAt, graceUntil, revokedAt);
        }
    }

    /** A transition's outcome: the state after and the lifecycle event to record, or no event when nothing changed. */
    public record Change(State next, String event) {
        public boolean changed() {
            return event != null;
        }

        static Change none(State unchanged) {
            return new Change(unchanged, null);
        }
    }

    /** Rotating out: only an active, unexpired key; it keeps working until {@code graceUntil}, then it is retired. */
    public static Change rotateOut(State key, Instant now, Instant graceUntil) {
        if (key.status() != KeyStatus.ACTIVE || !now.isBefore(key.expiresAt())) {
            throw SesameException.conflict("key_not_active", "Only an active key can be rotated; this one is "
                    + describe(key, now));
        }
        if (graceUntil.isBefore(now)) {
            throw SesameException.invalid("graceSeconds", "must not be negative");
        }
        return new Change(new State(KeyStatus.ROTATED_IN_GRACE, key.expiresAt(), graceUntil, null), "key.rotated");
    }

    /** Suspending a live key (active or in grace); suspending a suspended one changes nothing. */
    public static Change suspend(State key, Instant now) {
        if (key.status() == KeyStatus.SUSPENDED) {
            return Change.none(key);
        }
        requireNotEnded(key, now);
        return new Change(key.with(KeyStatus.SUSPENDED), "key.suspended");
    }

    /**
     * Reactivating a suspended key: back to active, or to rotated-in-grace when it had been rotated out (its grace
     * deadline unchanged, so a key whose grace ended while suspended comes back retired, not active).
     */
    public static Change reactivate(State key, Instant now) {
        if (key.status() != KeyStatus.SUSPENDED) {
            throw SesameException.conflict("key_not_suspended", "Only a suspended key can be reactivated; this one is "
                    + describe(key, now));
        }
        return new Change(key.with(key.graceUntil() == null ? KeyStatus.ACTIVE : KeyStatus.ROTATED_IN_GRACE), "key.reactivated");
    }

    /** Revoking: final, from any state; revoking a revoked key changes nothing. */
    public static Change revoke(State key, Instant now) {
        if (key.status() == KeyStatus.REVOKED) {
            return Change.none(key);
        }
        return new Change(new State(KeyStatus.REVOKED, key.expiresAt(), key.graceUntil(), now), "key.revoked");
    }

    /** Expiry: a key not yet ended whose lifetime is over; otherwise nothing changes. */
    public static Change expire(State key, Instant now) {
        if (!KeyStatus.NOT_ENDED.contains(key.status()) || now.isBefore(key.expiresAt())) {
            return Change.none(key);
        }
        return new Change(key.with(KeyStatus.EXPIRED), "key.expired");
    }

    /** Changes that only a key not yet ended may undergo (policy changes, suspension). */
    public static void requireNotEnded(State key, Instant now) {
        if (!KeyStatus.NOT_ENDED.contains(key.status())) {
            throw SesameException.conflict("key_not_active", "This API key is " + describe(key, now) + "; it cannot be changed");
        }
    }

    private static String describe(State key, Instant now) {
        if (key.status().isLive() && !now.isBefore(key.expiresAt())) {
            return "expired";
        }
        return key.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
