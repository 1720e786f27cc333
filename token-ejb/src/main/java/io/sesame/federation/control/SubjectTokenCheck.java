package io.sesame.federation.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a workload's OIDC token satisfies a trust policy. The issuer is compared before any key is fetched
 * (a stranger's token never makes Sesame fetch anything); the signature is verified with nimbus against the issuer's
 * keys (asymmetric algorithms only: an HMAC "signed" with a public key, or {@code alg: none}, is refused); then the
 * times, the audience, the subject and the required claims, on verified claims only.
 */
public final class SubjectTokenCheck {

    /** Asymmetric JWS algorithms an OIDC issuer signs with (EdDSA is not offered by the JDK provider nimbus uses here). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** A token valid for longer than this is not a workload token (those live minutes to hours): refused. */
    public static final Duration MAX_REMAINING_LIFETIME = Duration.ofHours(24);
    static final int SHOWN = 200;
    /** Workload tokens are a few KiB; anything longer is not parsed. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** Why a token is not trusted; each maps to a reason code the audit records. */
    public enum Failure {
        MALFORMED, UNSIGNED, WRONG_ISSUER, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, TOO_LONG_LIVED,
        WRONG_AUDIENCE, SUBJECT_MISMATCH, CLAIM_MISMATCH, KEYS_UNAVAILABLE;

        /** Conditions of the trust policy (audience, subject, claims) rather than the token's own validity. */
        public boolean conditionUnmet() {
            return this == WRONG_AUDIENCE || this == SUBJECT_MISMATCH || this == CLAIM_MISMATCH;
        }
    }

    public sealed interface Verdict permits Trusted, Untrusted {
    }

    /** A trusted token: who the workload is, by its issuer's word. */
    public record Trusted(String issuer, String subject, Instant expiresAt, JWTClaimsSet claims) implements Verdict {
    }

    /**
     * An untrusted token: why (safe to show the caller; the expected values are never shown), and what it claimed to be
     * (shortened; for the audit, only once the signature held — else null).
     */
    public record Untrusted(Failure failure, String description, String claimedSubject) implements Verdict {
    }

    private SubjectTokenCheck() {
    }

    public static Verdict check(String token, TrustRules rules, JWKSource<SecurityContext> keys, Instant now, Duration skew) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return untrusted(Failure.MALFORMED, null);
        }
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = SignedJWT.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException | ClassCastException e) {
            // a JWE, an unsecured JWT ("alg":"none") or not a JWT at all
            return untrusted(token.endsWith(".") && token.chars().filter(c -> c == '.').count() == 2
                    ? Failure.UNSIGNED : Failure.MALFORMED, null);
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return untrusted(Failure.UNSIGNED, null);
        }
        if (!rules.issuer().toString().equals(unverified.getIssuer())) {
            return untrusted(Failure.WRONG_ISSUER, null);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // ID tokens and workload tokens: typ JWT or none (an access token, at+jwt, is not a workload's identity)
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // times and conditions are checked below, against `now`
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
            // the keys were fetched moments ago and hold no key with this kid: a forged or foreign token, not an outage
            return untrusted(Failure.BAD_SIGNATURE, null);
        } catch (KeySourceException e) {
            return untrusted(Failure.KEYS_UNAVAILABLE, null);
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return untrusted(Failure.BAD_SIGNATURE, null);
        }
        String subject = shorten(claims.getSubject());
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant().plus(skew))) {
            return untrusted(Failure.EXPIRED, subject);
        }
        if (exp.toInstant().isAfter(now.plus(MAX_REMAINING_LIFETIME).plus(skew))) {
            return untrusted(Failure.TOO_LONG_LIVED, subject);
        }
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if ((nbf != null && now.plus(skew).isBefore(nbf.toInstant())) || (iat != null && now.plus(skew).isBefore(iat.toInstant()))) {
            return untrusted(Failure.NOT_YET_VALID, subject);
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(rules.audience())) {
            return untrusted(Failure.WRONG_AUDIENCE, subject);
        }
        if (!rules.subject().matches(claims.getSubject())) {
            return untrusted(Failure.SUBJECT_MISMATCH, subject);
        }
        for (Map.Entry<String, ClaimPattern> required : rules.requiredClaims().entrySet()) {
            if (!matches(claims.getClaims(), TrustRules.claimPath(required.getKey()), required.getValue())) {
                return new Untrusted(Failure.CLAIM_MISMATCH, "the token's claim " + required.getKey()
                        + " is missing or not the value the trust policy requires", subject);
            }
        }
        return new Trusted(claims.getIssuer(), claims.getSubject(), exp.toInstant(), claims);
    }

    /** A claim at a path: a string that matches; a list (as {@code aud} may be) when any string element matches. */
    static boolean matches(Map<String, Object> claims, List<String> path, ClaimPattern pattern) {
        Object value = claims;
        for (String segment : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return false;
            }
            value = map.get(segment);
        }
        if (value instanceof String s) {
            return pattern.matches(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(e -> e instanceof String s && pattern.matches(s));
        }
        return false; // numbers, booleans and objects are not compared by their text: "true" is not true
    }

    private static Untrusted untrusted(Failure failure, String subject) {
        String description = switch (failure) {
            case MALFORMED -> "subject_token is not a signed JWT";
            case UNSIGNED -> "subject_token must be signed with an asymmetric algorithm (RS*, PS*, ES*); unsigned and HMAC tokens are refused";
            case WRONG_ISSUER -> "subject_token's issuer is not the one this trust policy trusts";
            case BAD_SIGNATURE -> "subject_token's signature does not verify against its issuer's keys";
            case EXPIRED -> "subject_token has expired or carries no expiry";
            case NOT_YET_VALID -> "subject_token is not valid yet (nbf or iat in the future)";
            case TOO_LONG_LIVED -> "subject_token is valid for more than " + MAX_REMAINING_LIFETIME.toHours() + " hours: not a workload token";
            case WRONG_AUDIENCE -> "subject_token was not minted for the audience this trust policy requires";
            case SUBJECT_MISMATCH -> "subject_token's subject does not match the trust policy";
            case CLAIM_MISMATCH -> "subject_token's claims do not match the trust policy";
            case KEYS_UNAVAILABLE -> "the issuer's signing keys cannot be fetched right now; retry later";
        };
        return new Untrusted(failure, description, subject);
    }

    static String shorten(String value) {
        return io.sesame.platform.control.Printable.line(value, SHOWN);
    }
}
