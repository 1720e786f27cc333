package io.sesame.mail.control;

/** A send request that is not a valid message; the message names the field. */
public class InvalidMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String field, String message) {
        super(field + ": " + message);
    }
}
