package io.sesame.platform.control;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The server-side secret ({@code sesame.token.pepper}) that keys every MAC Sesame keeps: API key hashes (token) and
 * checkpoint MACs (audit). It never touches the database, so a stolen table alone allows no offline guessing.
 */
public final class Pepper {

    /** 32 bytes: the HMAC-SHA-256 block-size guidance for a full-strength key. */
    public static final int MIN_BYTES = 32;

    private final byte[] secret;

    /** @throws IllegalArgumentException when the pepper is missing or shorter than {@link #MIN_BYTES} */
    public Pepper(String pepper) {
        if (pepper == null || pepper.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalArgumentException("the token pepper (sesame.token.pepper / SESAME_TOKEN_PEPPER) must be set"
                    + " to at least " + MIN_BYTES + " bytes of random text");
        }
        this.secret = pepper.getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex HMAC-SHA-256 of {@code value} under the pepper. */
    public String mac(String value) {
        return Digests.hmacSha256Hex(secret, value);
    }

    /**
     * A key for another purpose derived from the pepper (HMAC of the purpose's name), so one secret in the
     * environment serves several MACs without any of them revealing another.
     */
    public byte[] deriveKey(String purpose) {
        return HexFormat.of().parseHex(mac("sesame-derived-key:" + purpose));
    }
}
