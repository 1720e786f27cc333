package io.sesame.token.control;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;

/**
 * One signing key of the ring: published in the JWKS from creation, used for signing from
 * {@code activatesAt} until {@code retiresAt}, dropped from the JWKS at {@code expiresAt} (once every token
 * it signed has expired).
 */
public record SigningKeyVersion(String kid, ECKey key, Instant createdAt, Instant activatesAt, Instant retiresAt,
                                Instant expiresAt) {

    public boolean signsAt(Instant now) {
        return !now.isBefore(activatesAt) && (retiresAt == null || now.isBefore(retiresAt));
    }

    public boolean publishedAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    SigningKeyVersion retire(Instant at, Instant expiry) {
        return new SigningKeyVersion(kid, key, createdAt, activatesAt, at, expiry);
    }
}
