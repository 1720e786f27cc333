package io.sesame.token.control;

/** RFC 6749 §5.2 error codes with the HTTP status Sesame answers them with. */
public enum OAuthError {
    INVALID_REQUEST(400), INVALID_CLIENT(401), INVALID_GRANT(400), INVALID_SCOPE(400), UNSUPPORTED_GRANT_TYPE(400),
    /** Too many failed exchanges from this address (RFC 8628's code; answered 429 with Retry-After). */
    SLOW_DOWN(429),
    /** RFC 8693 §2.2.2: the requested audience or resource is not one Sesame issues tokens for. */
    INVALID_TARGET(400),
    /** An issuer's keys could not be fetched: nothing the caller did wrong, try again (answered 503 with Retry-After). */
    TEMPORARILY_UNAVAILABLE(503),
    /** RFC 9449 §5: the DPoP proof is missing (where required) or invalid. */
    INVALID_DPOP_PROOF(400);

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
