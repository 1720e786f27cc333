package io.sesame.policy.control;

import static io.sesame.platform.control.ErrorKind.FORBIDDEN;
import static io.sesame.platform.control.ErrorKind.INVALID;
import static io.sesame.platform.control.ErrorKind.THROTTLED;
import static io.sesame.platform.control.ErrorKind.UNAUTHENTICATED;

import io.sesame.platform.control.ErrorKind;

/**
 * Why a request was denied: stable, machine-readable codes (API {@code code}, audit, alerts), each with the kind
 * of refusal it is.
 */
public enum ReasonCode {
    PERMISSION_MISSING(FORBIDDEN),
    FROM_NOT_ALLOWED(FORBIDDEN),
    FROM_DISPLAY_NAME_NOT_ALLOWED(FORBIDDEN),
    NO_RECIPIENTS(INVALID),
    TOO_MANY_RECIPIENTS(FORBIDDEN),
    RECIPIENT_DOMAIN_NOT_ALLOWED(FORBIDDEN),
    RECIPIENT_DOMAIN_DENIED(FORBIDDEN),
    TEMPLATE_NOT_ALLOWED(FORBIDDEN),
    CONFIGURATION_SET_NOT_ALLOWED(FORBIDDEN),
    IP_NOT_ALLOWED(FORBIDDEN),
    RATE_LIMITED(THROTTLED),
    DAILY_QUOTA_EXCEEDED(THROTTLED),
    DAILY_RECIPIENT_QUOTA_EXCEEDED(THROTTLED),
    INVALID_MESSAGE(INVALID),
    SENDER_NOT_ALLOWED(FORBIDDEN),
    REPLY_TO_NOT_ALLOWED(FORBIDDEN),
    /** An admin change refused in the service: a grant beyond the actor's own permissions, or a key widening itself. */
    ESCALATION_REFUSED(FORBIDDEN),
    /** AWS credentials refused: the key's scope does not fit a session policy and the key did not opt in to coarse ones. */
    SCOPE_INEXPRESSIBLE(ErrorKind.CONFLICT),

    // Refusals before the policy is consulted: the identity itself (audited when the key is known).
    TOKEN_INVALID(UNAUTHENTICATED),
    TOKEN_REVOKED(UNAUTHENTICATED),
    POLICY_CHANGED(UNAUTHENTICATED),
    KEY_UNKNOWN(UNAUTHENTICATED),
    KEY_REVOKED(UNAUTHENTICATED),
    KEY_SUSPENDED(UNAUTHENTICATED),
    KEY_EXPIRED(UNAUTHENTICATED),
    KEY_ROTATED(UNAUTHENTICATED),
    APPLICATION_SUSPENDED(UNAUTHENTICATED),
    CREDENTIALS_INVALID(UNAUTHENTICATED),
    /** A workload's OIDC token that is not a valid, signed, unexpired token of the trust policy's issuer. */
    SUBJECT_TOKEN_INVALID(UNAUTHENTICATED),
    /** A valid OIDC token whose audience, subject or claims are not the ones the trust policy requires. */
    TRUST_CONDITIONS_UNMET(UNAUTHENTICATED),
    /** A trust policy whose scope no longer fits within any API key of its application. */
    SCOPE_EXCEEDS_APPLICATION(UNAUTHENTICATED),
    /** A DPoP proof (RFC 9449) missing where required, malformed, for another request or key. */
    DPOP_PROOF_INVALID(UNAUTHENTICATED),
    SIGNATURE_INVALID(FORBIDDEN),
    REQUEST_REPLAYED(FORBIDDEN),
    SCOPE_NOT_GRANTED(INVALID);

    private final ErrorKind kind;

    ReasonCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** What kind of refusal this is; each door turns it into its own answer (the API: 400, 401, 403 or 429). */
    public ErrorKind kind() {
        return kind;
    }

    /**
     * Refusals anyone can cause knowing only a key's public id (a wrong secret, a signature that does not verify) or
     * holding a captured request (a replay), or an OIDC token (anyone can get one from GitHub, with any audience, for their
     * own repository): audited against the key but throttled, and counted by no alert rule, so that
     * an outsider can neither flood the audit nor trip an alert or its auto-suspension.
     */
    public boolean provesNothingAboutTheCaller() {
        return this == CREDENTIALS_INVALID || this == SIGNATURE_INVALID || this == REQUEST_REPLAYED
                || this == SUBJECT_TOKEN_INVALID || this == TRUST_CONDITIONS_UNMET;
    }

    /** The wire forms of {@link #provesNothingAboutTheCaller()} reasons. */
    public static java.util.List<String> unprovenCodes() {
        return java.util.Arrays.stream(values()).filter(ReasonCode::provesNothingAboutTheCaller).map(ReasonCode::code).toList();
    }

    /** The reason with this wire form, if any. */
    public static java.util.Optional<ReasonCode> ofCode(String code) {
        return java.util.Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** The wire form, e.g. {@code from_not_allowed}. */
    public String code() {
        return name().toLowerCase();
    }
}
