package io.sesame.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * A refusal the caller can understand and act on, and the one base of Sesame's domain errors. Each carries what went
 * wrong ({@link ErrorKind}) and a machine-readable code; the API maps the kind to an HTTP status and problem+json
 * once, the portal to a message. Rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public class SesameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;

    public SesameException(ErrorKind kind, String code, String message) {
        super(message);
        this.kind = java.util.Objects.requireNonNull(kind);
        this.code = code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public static SesameException notFound(String what, String id) {
        return new SesameException(ErrorKind.NOT_FOUND, "not_found", "No " + what + " with id '" + id + "'");
    }

    public static SesameException conflict(String code, String message) {
        return new SesameException(ErrorKind.CONFLICT, code, message);
    }

    public static SesameException invalid(String field, String message) {
        return new SesameException(ErrorKind.INVALID, "invalid_request", field + ": " + message);
    }

    public static SesameException unavailable(String message) {
        return new SesameException(ErrorKind.UNAVAILABLE, "unavailable", message);
    }
}
