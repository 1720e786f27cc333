package io.sesame.token.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose signature has been verified, until they expire. An application presents the same token for
 * minutes, and an ES256 verification costs about a millisecond of CPU on a small machine (the largest single cost of
 * a request, see BENCHMARKS.md): verifying each token once is what makes the per-request decision microseconds.
 * Only the signature, type, issuer, audience and expiry are cached; revocation, key state and policy version are
 * checked on every request. Bounded: when full, expired entries go, and if that is not enough, everything.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final int MAX_ENTRIES = 50_000;

    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();

    /** The claims of a token verified before and not yet expired, or null. */
    public JWTClaimsSet get(String token, Instant now) {
        JWTClaimsSet claims = verified.get(token);
        if (claims == null) {
            return null;
        }
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            verified.remove(token);
            return null;
        }
        return claims;
    }

    public void put(String token, JWTClaimsSet claims, Instant now) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(c -> c.getExpirationTime() == null || !now.isBefore(c.getExpirationTime().toInstant()));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, claims);
    }
}
