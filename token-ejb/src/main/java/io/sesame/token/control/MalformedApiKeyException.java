package io.sesame.token.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;

/** A presented API key failed the offline format or checksum check. */
public class MalformedApiKeyException extends SesameException {
    private static final long serialVersionUID = 1L;

    public MalformedApiKeyException(String reason) {
        super(ErrorKind.UNAUTHENTICATED, "invalid_client", reason);
    }
}
