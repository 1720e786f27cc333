package io.sesame.token.control;

/** A presented API key failed the offline format or checksum check. */
public class MalformedApiKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedApiKeyException(String reason) {
        super(reason);
    }
}
