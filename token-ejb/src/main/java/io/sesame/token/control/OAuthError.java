package io.sesame.token.control;

/** RFC 6749 §5.2 error codes with the HTTP status Sesame answers them with. */
public enum OAuthError {
    INVALID_REQUEST(400), INVALID_CLIENT(401), INVALID_GRANT(400), INVALID_SCOPE(400), UNSUPPORTED_GRANT_TYPE(400),
    /** Too many failed exchanges from this address (RFC 8628's code; answered 429 with Retry-After). */
    SLOW_DOWN(429);

    private final int status;

    OAuthError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String code() {
        return name().toLowerCase();
    }
}
