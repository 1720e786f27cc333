package io.sesame.token.control;

import io.sesame.platform.control.Base62;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Sesame's API key format, modelled on GitHub's tokens:
 * {@code sesame_} + key id (12 base62) + secret (28 base62, ≈ 167 bits) + CRC32 of all before it (6 base62).
 * The prefix lets secret scanners find leaked keys; the checksum lets Sesame (and scanners) reject a
 * mistyped or invented key before any database lookup; the embedded key id finds the stored hash
 * without turning the hash itself into a lookup key.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "sesame_";
    public static final int KEY_ID_LENGTH = 12;
    public static final int SECRET_LENGTH = 28;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

    private ApiKeyFormat() {
    }

    public static ApiKeySecret generate(SecureRandom random) {
        String keyId = Base62.random(random, KEY_ID_LENGTH);
        return withKeyId(keyId, random);
    }

    /** A new secret under a given key id (used when the id was chosen first). */
    public static ApiKeySecret withKeyId(String keyId, SecureRandom random) {
        if (keyId.length() != KEY_ID_LENGTH || !Base62.isBase62(keyId)) {
            throw new IllegalArgumentException("key id must be " + KEY_ID_LENGTH + " base62 characters");
        }
        String body = PREFIX + keyId + Base62.random(random, SECRET_LENGTH);
        return new ApiKeySecret(keyId, body + checksum(body));
    }

    /**
     * Checks form and checksum without any I/O.
     *
     * @throws MalformedApiKeyException with a reason that reveals nothing about stored keys
     */
    public static ApiKeySecret parse(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            throw new MalformedApiKeyException("no API key given");
        }
        if (!candidate.startsWith(PREFIX)) {
            throw new MalformedApiKeyException("not a Sesame API key (expected the prefix '" + PREFIX + "')");
        }
        if (candidate.length() != LENGTH) {
            throw new MalformedApiKeyException("malformed API key (wrong length)");
        }
        String rest = candidate.substring(PREFIX.length());
        if (!Base62.isBase62(rest)) {
            throw new MalformedApiKeyException("malformed API key (invalid characters)");
        }
        String body = candidate.substring(0, LENGTH - CHECKSUM_LENGTH);
        String presented = candidate.substring(LENGTH - CHECKSUM_LENGTH);
        if (!checksum(body).equals(presented)) {
            throw new MalformedApiKeyException("malformed API key (checksum mismatch: mistyped or not issued by Sesame)");
        }
        return new ApiKeySecret(rest.substring(0, KEY_ID_LENGTH), candidate);
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}
