package io.sesame.api.platform;

import java.io.IOException;

/**
 * A request body refused while it was being read: larger than its endpoint allows (413), or more than the server
 * may hold for all requests at once (503). Thrown from the body's stream, so whatever reads it stops at once; the
 * refusal is also left on the request (attribute {@link #ATTRIBUTE}) for the exception mappers, since a reader may
 * wrap the exception.
 */
public final class BodyRefused extends IOException {

    private static final long serialVersionUID = 1L;
    public static final String ATTRIBUTE = "io.sesame.api.bodyRefused";

    private final int status;

    BodyRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String code() {
        return status == 413 ? "body_too_large" : "server_busy";
    }

    public String title() {
        return status == 413 ? "Request body too large" : "Server busy";
    }

    public static BodyRefused tooLarge(long limit) {
        return new BodyRefused(413, "The request body is larger than this endpoint accepts (" + limit + " bytes).");
    }

    public static BodyRefused busy() {
        return new BodyRefused(503, "The server holds as many request bodies as it may at once; retry shortly.");
    }
}
