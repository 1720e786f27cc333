package io.sesame.policy.control;

/**
 * Why a request was denied: stable, machine-readable codes (API {@code code}, audit, alerts), each with the
 * HTTP status it answers with.
 */
public enum ReasonCode {
    PERMISSION_MISSING(403),
    FROM_NOT_ALLOWED(403),
    FROM_DISPLAY_NAME_NOT_ALLOWED(403),
    NO_RECIPIENTS(400),
    TOO_MANY_RECIPIENTS(403),
    RECIPIENT_DOMAIN_NOT_ALLOWED(403),
    RECIPIENT_DOMAIN_DENIED(403),
    TEMPLATE_NOT_ALLOWED(403),
    CONFIGURATION_SET_NOT_ALLOWED(403),
    IP_NOT_ALLOWED(403),
    RATE_LIMITED(429),
    DAILY_QUOTA_EXCEEDED(429),
    DAILY_RECIPIENT_QUOTA_EXCEEDED(429),
    INVALID_MESSAGE(400),
    SENDER_NOT_ALLOWED(403),
    REPLY_TO_NOT_ALLOWED(403),

    // Refusals before the policy is consulted: the identity itself (audited when the key is known).
    TOKEN_INVALID(401),
    TOKEN_REVOKED(401),
    POLICY_CHANGED(401),
    KEY_UNKNOWN(401),
    KEY_REVOKED(401),
    KEY_SUSPENDED(401),
    KEY_EXPIRED(401),
    KEY_ROTATED(401),
    APPLICATION_SUSPENDED(401),
    CREDENTIALS_INVALID(401),
    SIGNATURE_INVALID(403),
    REQUEST_REPLAYED(403),
    SCOPE_NOT_GRANTED(400);

    private final int status;

    ReasonCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Refusals anyone can cause knowing only a key's public id (a wrong secret, a signature that does not verify) or
     * holding a captured request (a replay): audited against the key but throttled, and counted by no alert rule, so that
     * an outsider can neither flood the audit nor trip an alert or its auto-suspension.
     */
    public boolean provesNothingAboutTheCaller() {
        return this == CREDENTIALS_INVALID || this == SIGNATURE_INVALID || this == REQUEST_REPLAYED;
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
