package io.sesame.api.sesv2;

/** An error in SES's terms: HTTP status, {@code x-amzn-ErrorType} and message. */
public final class SesError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    /** A policy denial or SES's answer to a send: its call event was written by the operation itself. */
    boolean audited;

    public SesError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    SesError audited() {
        this.audited = true;
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
