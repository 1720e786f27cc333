package io.sesame.token.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of API key secrets: HMAC-SHA-256 under a server-side pepper that never touches the database,
 * so a stolen table alone does not allow offline guessing. Comparison is constant-time.
 */
public final class KeyHasher {

    /** 32 bytes: the HMAC-SHA-256 block-size guidance for a full-strength key. */
    public static final int MIN_PEPPER_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec pepper;

    public KeyHasher(String pepper) {
        if (pepper == null || pepper.getBytes(StandardCharsets.UTF_8).length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the token pepper (sesame.token.pepper / SESAME_TOKEN_PEPPER) must be set"
                    + " to at least " + MIN_PEPPER_BYTES + " bytes of random text");
        }
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Lower-case hex HMAC of the whole key. */
    public String hash(ApiKeySecret key) {
        return hash(key.reveal());
    }

    String hash(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
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
        if (storedHash == null) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(presented).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
