package io.sesame.mail.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;

/** A send request that is not a valid message ({@code invalid_message}); the message names the field. */
public class InvalidMessageException extends SesameException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String field, String message) {
        super(ErrorKind.INVALID, "invalid_message", field + ": " + message);
    }
}
