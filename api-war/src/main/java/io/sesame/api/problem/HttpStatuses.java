package io.sesame.api.problem;

import io.sesame.platform.control.ErrorKind;

/** The API's one mapping from what went wrong to the HTTP status it answers with. */
public final class HttpStatuses {

    private HttpStatuses() {
    }

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case REJECTED -> 422;
            case THROTTLED -> 429;
            case NOT_SUPPORTED -> 501;
            case UPSTREAM_FAILED -> 502;
            case UPSTREAM_TIMEOUT -> 504;
            case UNAVAILABLE -> 503;
        };
    }

    /** Whether a client should retry after a pause (answered with {@code Retry-After}). */
    public static boolean retryLater(ErrorKind kind) {
        return kind == ErrorKind.THROTTLED || kind == ErrorKind.UNAVAILABLE;
    }
}
