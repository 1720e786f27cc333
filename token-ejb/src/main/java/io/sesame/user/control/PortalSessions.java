package io.sesame.user.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a portal session may go on: only while its account is active and unchanged since sign-in (same epoch: no
 * role or password change, not disabled) and younger than the absolute lifetime, however active it has been.
 */
public final class PortalSessions {

    /** The verdict; each refusal names why, for the audit and the sign-in page. */
    public enum Verdict {
        VALID(null),
        ACCOUNT_CHANGED("the account was disabled, or its roles or password changed"),
        TOO_OLD("the session reached its maximum lifetime");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private PortalSessions() {
    }

    /**
     * @param accountExists   false when the account was removed
     * @param accountActive   false when disabled
     * @param currentEpoch    the account's epoch now
     * @param sessionEpoch    the epoch the session signed in under (null: a session from before epochs, or tampered)
     * @param signedInAt      when the session signed in (null: unknown, so too old)
     */
    public static Verdict check(boolean accountExists, boolean accountActive, long currentEpoch, Long sessionEpoch,
                                Instant signedInAt, Instant now, Duration maxLifetime) {
        if (!accountExists || !accountActive || sessionEpoch == null || sessionEpoch != currentEpoch) {
            return Verdict.ACCOUNT_CHANGED;
        }
        if (signedInAt == null || !now.isBefore(signedInAt.plus(maxLifetime))) {
            return Verdict.TOO_OLD;
        }
        return Verdict.VALID;
    }
}
