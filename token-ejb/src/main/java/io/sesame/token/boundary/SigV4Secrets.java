package io.sesame.token.boundary;

import io.sesame.platform.control.Ids;
import io.sesame.platform.control.SesameException;
import io.sesame.token.control.SecretBox;
import io.sesame.token.entity.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;

/**
 * The SigV4 secret of each key (access key id = the Sesame key id). A verifier needs the secret itself, so it cannot
 * be hashed like the API key: it is random (40 base62 characters, ≈ 238 bits), sealed with AES-256-GCM under
 * sesame.signing.encryption-key with the key id as associated data (a sealed secret moved to another key does not
 * open), shown once at issue and rotation, and opened only to check a signature.
 */
@ApplicationScoped
public class SigV4Secrets {

    static final int LENGTH = 40;

    @Inject
    TokenSettings tokenSettings;

    private final SecureRandom random = new SecureRandom();

    /** Generates the key's secret, stores it sealed on the key, and returns it in clear (to show once). */
    public String issue(ApiKey key) {
        String secret = Ids.secret(random, LENGTH);
        key.sealSigV4Secret(box().seal(secret, associatedData(key.getId())));
        return secret;
    }

    /** The key's secret, or null when it has none (issued before SigV4 support) or it does not open. */
    public String open(ApiKey key) {
        if (key.getSealedSigV4Secret() == null) {
            return null;
        }
        try {
            return box().open(key.getSealedSigV4Secret(), associatedData(key.getId()));
        } catch (IllegalStateException tampered) {
            return null;
        }
    }

    private SecretBox box() {
        try {
            return new SecretBox(tokenSettings.signingEncryptionKey().orElse(null));
        } catch (IllegalArgumentException e) {
            throw SesameException.unavailable(e.getMessage());
        }
    }

    private static String associatedData(String keyId) {
        return "sesame-sigv4:" + keyId;
    }
}
