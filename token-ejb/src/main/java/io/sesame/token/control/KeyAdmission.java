package io.sesame.token.control;

import io.sesame.policy.control.ReasonCode;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import java.time.Instant;

/**
 * Whether a key (or a token minted from it) may be used now. The rotation rule follows GitLab's reuse
 * detection: a rotated key works until its grace deadline; presenting it afterwards means the old secret is
 * in someone's hands, which is a security event.
 */
public final class KeyAdmission {

    /** Why a key is refused. The descriptions are safe to show to the caller. */
    public enum Refusal {
        REVOKED("the API key has been revoked", ReasonCode.KEY_REVOKED),
        EXPIRED("the API key has expired", ReasonCode.KEY_EXPIRED),
        SUSPENDED("the API key is suspended", ReasonCode.KEY_SUSPENDED),
        APPLICATION_SUSPENDED("the application is suspended", ReasonCode.APPLICATION_SUSPENDED),
        ROTATED("the API key was rotated and its grace period is over", ReasonCode.KEY_ROTATED),
        IP_NOT_ALLOWED("the key may not be used from this address", ReasonCode.IP_NOT_ALLOWED);

        private final String description;
        private final ReasonCode reason;

        Refusal(String description, ReasonCode reason) {
            this.description = description;
            this.reason = reason;
        }

        public String description() {
            return description;
        }

        /** The reason code the audit records for this refusal. */
        public ReasonCode reason() {
            return reason;
        }
    }

    /** The verdict; {@code reuseDetected} and {@code nowExpired} ask the caller to record those facts. */
    public record Verdict(Refusal refusal, boolean reuseDetected, boolean nowExpired) {
        public boolean admitted() {
            return refusal == null;
        }
    }

    private static final Verdict ADMITTED = new Verdict(null, false, false);

    private KeyAdmission() {
    }

    /**
     * @param clientIp the caller's address, or null where no client address applies (a third party
     *                 introspecting the token): then the key's IP allowlist is not consulted
     */
    public static Verdict evaluate(KeyState key, Instant now, String clientIp) {
        if (key.status() == KeyStatus.REVOKED) {
            return refuse(Refusal.REVOKED);
        }
        if (new KeyLifecycle.State(key.status(), key.expiresAt(), key.graceUntil(), null).retiredAt(now)) {
            // a rotated-out secret after its grace, whether since suspended, reactivated or expired: someone still holds it
            return new Verdict(Refusal.ROTATED, true, false);
        }
        if (key.status() == KeyStatus.SUSPENDED) {
            return refuse(Refusal.SUSPENDED);
        }
        if (key.status() == KeyStatus.EXPIRED) {
            return refuse(Refusal.EXPIRED);
        }
        if (!now.isBefore(key.expiresAt())) {
            return new Verdict(Refusal.EXPIRED, false, true);
        }
        if (key.status() == KeyStatus.ROTATED_IN_GRACE && key.graceUntil() == null) {
            return new Verdict(Refusal.ROTATED, true, false); // cannot happen through the state machine; fail closed
        }
        if (key.applicationStatus() != ApplicationStatus.ACTIVE) {
            return refuse(Refusal.APPLICATION_SUSPENDED);
        }
        if (clientIp != null && !key.policy().scope().allowsClientIp(clientIp)) {
            return refuse(Refusal.IP_NOT_ALLOWED);
        }
        return ADMITTED;
    }

    private static Verdict refuse(Refusal refusal) {
        return new Verdict(refusal, false, false);
    }
}
