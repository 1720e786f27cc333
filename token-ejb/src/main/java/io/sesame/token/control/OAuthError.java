package io.sesame.token.control;

/** RFC 6749 §5.2 error codes with the HTTP status Sesame answers them with. */
public enum OAuthError {
    INVALID_REQUEST(400), INVALID_CLIENT(401), INVALID_GRANT(400), INVALID_SCOPE(400), UNSUPPORTED_GRANT_TYPE(400);

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
