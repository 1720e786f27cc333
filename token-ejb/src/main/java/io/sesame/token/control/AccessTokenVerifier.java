package io.sesame.token.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a Sesame access token outside the request that carries it (introspection, revocation): ES256
 * signature by a key of the ring ({@link Es256}), {@code typ: at+jwt}, issuer, audience, expiry, and an issue time not
 * in the future. Bearer tokens of
 * API calls go through it once per token (see {@code VerifiedTokens}).
 */
public final class AccessTokenVerifier {

    private static final com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory VERIFIERS = Es256.verifierFactory();

    /** The default tolerance for clocks that disagree: seconds, not nimbus's default minute. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

    private final String issuer;
    private final String audience;
    private final int clockSkewSeconds;

    public AccessTokenVerifier(String issuer, String audience) {
        this(issuer, audience, DEFAULT_CLOCK_SKEW);
    }

    /** @param clockSkew how long after {@code exp} (and before {@code nbf}) a token is still taken, 0–60 s */
    public AccessTokenVerifier(String issuer, String audience, Duration clockSkew) {
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("token clock skew must be 0 to 60 seconds, not " + clockSkew.toSeconds());
        }
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkewSeconds = (int) clockSkew.toSeconds();
    }

    /** The verified claims, or empty for anything not a currently valid Sesame access token. */
    public Optional<JWTClaimsSet> verify(String token, JWKSet keys) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AccessTokenIssuer.ACCESS_TOKEN_TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
        processor.setJWSVerifierFactory(VERIFIERS);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "jti", "client_id"));
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        try {
            JWTClaimsSet verified = processor.process(token, null);
            return issuedInTheFuture(verified, Instant.now()) ? Optional.empty() : Optional.of(verified);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the token says it was issued later than {@code now} (beyond the clock skew). Nimbus checks exp and nbf,
     * not iat; without this, a wall clock stepped back (NTP, a VM restored) would let a token minted before the step
     * live its whole lifetime again, on top of the step — a short-lived token that is not. Refused, fail closed.
     */
    public boolean issuedInTheFuture(JWTClaimsSet claims, Instant now) {
        return claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plusSeconds(clockSkewSeconds));
    }
}
