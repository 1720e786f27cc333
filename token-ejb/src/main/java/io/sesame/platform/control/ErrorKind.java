package io.sesame.platform.control;

/**
 * What went wrong, in the domain's words. Each door chooses its wire form: the API an HTTP status (and SES's own error
 * names at the SES endpoint), the portal a message. Nothing below the boundaries knows a status code.
 */
public enum ErrorKind {
    /** The request itself is wrong (a field, a query, a message): the caller must change it. */
    INVALID,
    /** Who is calling could not be established (no, bad, expired or revoked credentials). */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    NOT_FOUND,
    /** The request clashes with the current state (a duplicate, a change already applied). */
    CONFLICT,
    /** Well-formed but refused on its content by the service behind Sesame (SES's MessageRejected). */
    REJECTED,
    /** Too many requests: try again later. */
    THROTTLED,
    /** This installation does not offer it (not configured, or not in the sandbox). */
    NOT_SUPPORTED,
    /** A service Sesame depends on (SES, STS, SNS) failed or could not be reached. */
    UPSTREAM_FAILED,
    /**
     * A service Sesame depends on did not answer in time after the request reached it: it may have acted (a message
     * may have been sent), so a blind retry may repeat it.
     */
    UPSTREAM_TIMEOUT,
    /** Sesame cannot serve this now (starting, overloaded, a store down); try again. */
    UNAVAILABLE
}
