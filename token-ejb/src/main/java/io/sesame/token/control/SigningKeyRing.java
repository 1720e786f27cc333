package io.sesame.token.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.sesame.platform.control.Base62;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The JWT signing keys (ES256) and the rules of their rotation. Verifiers (Payara MP-JWT) cache the JWKS and
 * do not refetch it for an unknown kid, so a new key is published {@code publishLead} before it signs; an old
 * key stays published until every token it signed has expired. Immutable: operations return a new ring.
 */
public final class SigningKeyRing {

    private final List<SigningKeyVersion> keys;

    public SigningKeyRing(List<SigningKeyVersion> keys) {
        this.keys = keys.stream().sorted(Comparator.comparing(SigningKeyVersion::activatesAt)).toList();
    }

    public List<SigningKeyVersion> keys() {
        return keys;
    }

    /** The newest key that signs now. */
    public Optional<SigningKeyVersion> signingKey(Instant now) {
        return keys.stream().filter(k -> k.signsAt(now)).reduce((a, b) -> b);
    }

    /** The public keys verifiers need now: every key not yet expired, including the next one. */
    public JWKSet jwks(Instant now) {
        List<JWK> published = new ArrayList<>();
        for (SigningKeyVersion k : keys) {
            if (k.publishedAt(now)) {
                published.add(k.key().toPublicJWK());
            }
        }
        return new JWKSet(published);
    }

    /** Whether a successor should be created: no key at all, or the signing key is older than the period and none is pending. */
    public boolean rotationDue(Instant now, Duration period) {
        Optional<SigningKeyVersion> current = signingKey(now);
        if (current.isEmpty()) {
            return keys.stream().noneMatch(k -> k.activatesAt().isAfter(now));
        }
        boolean pending = keys.stream().anyMatch(k -> k.activatesAt().isAfter(now));
        return !pending && !current.get().activatesAt().plus(period).isAfter(now);
    }

    /**
     * Adds a successor that signs from {@code now + publishLead}; the current key retires then and stays
     * published for {@code maxTokenLifetime} more. With an empty ring the first key signs at once.
     */
    public Rotation rotate(Instant now, Duration publishLead, Duration maxTokenLifetime, SecureRandom random) {
        Optional<SigningKeyVersion> current = signingKey(now);
        Instant activatesAt = current.isPresent() ? now.plus(publishLead) : now;
        String kid = newKid(random);
        SigningKeyVersion next = new SigningKeyVersion(kid, generate(random, kid), now, activatesAt, null, null);
        List<SigningKeyVersion> updated = new ArrayList<>();
        SigningKeyVersion retired = null;
        for (SigningKeyVersion k : keys) {
            if (current.isPresent() && k.kid().equals(current.get().kid())) {
                retired = k.retire(activatesAt, activatesAt.plus(maxTokenLifetime));
                updated.add(retired);
            } else {
                updated.add(k);
            }
        }
        updated.add(next);
        return new Rotation(new SigningKeyRing(updated), next, Optional.ofNullable(retired));
    }

    /**
     * The ring without one key (an emergency revocation: nothing it signed verifies any more). When it was the key that
     * signs, none signs until the caller rotates; {@link #rotate} then adds one that signs at once.
     */
    public SigningKeyRing without(String kid) {
        return new SigningKeyRing(keys.stream().filter(k -> !k.kid().equals(kid)).toList());
    }

    /** Whether a key of this ring is missing from the other (revoked or dropped): tokens it signed must be re-verified. */
    public boolean lostAny(SigningKeyRing next) {
        return keys.stream().anyMatch(k -> next.keys.stream().noneMatch(n -> n.kid().equals(k.kid())));
    }

    /** Keys whose expiry has passed: nothing they signed can still be valid. */
    public List<SigningKeyVersion> expired(Instant now) {
        return keys.stream().filter(k -> !k.publishedAt(now)).toList();
    }

    public record Rotation(SigningKeyRing ring, SigningKeyVersion added, Optional<SigningKeyVersion> retired) {
    }

    static String newKid(SecureRandom random) {
        return "sk-" + Base62.random(random, 16);
    }

    static ECKey generate(SecureRandom random, String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .secureRandom(random)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }
}
