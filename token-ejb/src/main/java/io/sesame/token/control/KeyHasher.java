package io.sesame.token.control;

import io.sesame.platform.control.Digests;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keyed hash of API key secrets: HMAC-SHA-256 under a server-side pepper that never touches the database,
 * so a stolen table alone does not allow offline guessing. Comparison is constant-time.
 */
public final class KeyHasher {

    /** 32 bytes: the HMAC-SHA-256 block-size guidance for a full-strength key. */
    public static final int MIN_PEPPER_BYTES = 32;

    private final byte[] pepper;

    public KeyHasher(String pepper) {
        if (pepper == null || pepper.getBytes(StandardCharsets.UTF_8).length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the token pepper (sesame.token.pepper / SESAME_TOKEN_PEPPER) must be set"
                    + " to at least " + MIN_PEPPER_BYTES + " bytes of random text");
        }
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex HMAC of the whole key. */
    public String hash(ApiKeySecret key) {
        return hash(key.reveal());
    }

    String hash(String value) {
        return Digests.hmacSha256Hex(pepper, value);
    }

    /**
     * A key for another purpose derived from the pepper (HMAC of the purpose's name), so one secret in the
     * environment serves several MACs without any of them revealing another.
     */
    public byte[] deriveKey(String purpose) {
        return HexFormat.of().parseHex(hash("sesame-derived-key:" + purpose));
    }

    /** Constant-time check of a presented key against a stored hash. */
    public boolean matches(ApiKeySecret presented, String storedHash) {
        return Digests.constantTimeEquals(storedHash, hash(presented));
    }
}
