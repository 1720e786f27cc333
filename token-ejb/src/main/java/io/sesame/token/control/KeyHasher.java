package io.sesame.token.control;

import io.sesame.platform.control.Digests;
import io.sesame.platform.control.Pepper;

/**
 * Keyed hash of API key secrets: HMAC-SHA-256 under the server-side {@link Pepper}, so a stolen table alone does not
 * allow offline guessing. Comparison is constant-time.
 */
public final class KeyHasher {

    /** 32 bytes: the HMAC-SHA-256 block-size guidance for a full-strength key. */
    public static final int MIN_PEPPER_BYTES = Pepper.MIN_BYTES;

    private final Pepper pepper;

    /** @throws IllegalArgumentException when the pepper is missing or too short */
    public KeyHasher(String pepper) {
        this(new Pepper(pepper));
    }

    public KeyHasher(Pepper pepper) {
        this.pepper = pepper;
    }

    /** Lower-case hex HMAC of the whole key. */
    public String hash(ApiKeySecret key) {
        return hash(key.reveal());
    }

    String hash(String value) {
        return pepper.mac(value);
    }

    /** Constant-time check of a presented key against a stored hash. */
    public boolean matches(ApiKeySecret presented, String storedHash) {
        return Digests.constantTimeEquals(storedHash, hash(presented));
    }
}
