package io.sesame.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * A refusal the caller can understand and act on. Each carries a machine-readable code and an HTTP status;
 * the API maps them once to problem+json, the portal to messages. Rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public class SesameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public SesameException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static SesameException notFound(String what, String id) {
        return new SesameException(404, "not_found", "No " + what + " with id '" + id + "'");
    }

    public static SesameException conflict(String code, String message) {
        return new SesameException(409, code, message);
    }

    public static SesameException invalid(String field, String message) {
        return new SesameException(400, "invalid_request", field + ": " + message);
    }

    public static SesameException unavailable(String message) {
        return new SesameException(503, "unavailable", message);
    }
}
