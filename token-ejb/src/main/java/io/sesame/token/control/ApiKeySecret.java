package io.sesame.token.control;

import java.util.Objects;

/**
 * A plaintext API key as a client presents it, already checked for format and checksum.
 * {@link #toString()} never shows the secret: only the public key id.
 */
public final class ApiKeySecret {

    private final String keyId;
    private final String value;

    ApiKeySecret(String keyId, String value) {
        this.keyId = Objects.requireNonNull(keyId);
        this.value = Objects.requireNonNull(value);
    }

    /** The public key id embedded in the key: safe to log and to show. */
    public String keyId() {
        return keyId;
    }

    /** The whole key. Shown to its owner once; never logged or stored. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + keyId + ", secret redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeySecret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
