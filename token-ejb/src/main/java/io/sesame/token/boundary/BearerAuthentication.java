package io.sesame.token.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.policy.control.ReasonCode;
import io.sesame.token.control.AccessTokenVerifier;
import io.sesame.token.control.KeyAdmission;
import io.sesame.token.control.KeyState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;

/**
 * The bearer check every API request makes: signature (ES256 against the published signing keys; once per token, see
 * {@link VerifiedTokens}), type {@code at+jwt}, issuer, audience and expiry; then, on every call, revocation of the
 * token, the key's state and client IP, and the policy version it was minted under. A CDI bean, not an EJB: it reads
 * caches only (the signing keys on a first sight of a token), so it needs neither a transaction nor the EJB container's
 * per-call work (BENCHMARKS.md, issue 18).
 */
@ApplicationScoped
public class BearerAuthentication {

    @Inject
    TokenSettings tokenSettings;

    @Inject
    KeyDirectory directory;

    @Inject
    SigningKeyService signingKeys;

    @Inject
    VerifiedTokens verifiedTokens;

    private AccessTokenVerifier verifier;

    @PostConstruct
    void start() {
        verifier = new AccessTokenVerifier(tokenSettings.tokenIssuer(), tokenSettings.tokenAudience(), tokenSettings.clockSkew());
    }

    /** A bearer token's verdict: its verified claims, or why it is refused (naming its key when the signature held). */
    public TokenService.Bearer authenticate(String token, String clientIp) {
        Instant now = Instant.now();
        JWTClaimsSet claims = verifiedTokens.get(token, now);
        if (claims == null) {
            Optional<JWTClaimsSet> fresh = verifier.verify(token, signingKeys.jwks());
            if (fresh.isEmpty() && signingKeys.reloadForUnknownKey(keyIdOf(token))) {
                fresh = verifier.verify(token, signingKeys.jwks());
            }
            if (fresh.isEmpty()) {
                return new TokenService.Bearer(null, new TokenService.Refusal(ReasonCode.TOKEN_INVALID,
                        "the token is not a valid, unexpired Sesame access token"), null, null, null);
            }
            claims = fresh.get();
            verifiedTokens.put(token, claims, now);
        } else if (verifier.issuedInTheFuture(claims, now)) {
            // verified before the wall clock went back: its lifetime would start again
            return new TokenService.Bearer(null, new TokenService.Refusal(ReasonCode.TOKEN_INVALID,
                    "the token was issued in the future by this server's clock (the clock went back); exchange the key again"),
                    null, null, null);
        }
        Object pv = claims.getClaim("pv");
        String keyId = (String) claims.getClaim("client_id");
        TokenService.Refusal refusal = refusalFor(keyId, claims.getJWTID(), pv instanceof Number n ? n.intValue() : null, clientIp);
        return new TokenService.Bearer(refusal == null ? claims : null, refusal, keyId, claims.getSubject(), claims.getJWTID());
    }

    /** Why a token of this key, id and policy version may not be used now from this address; null when it may. */
    public TokenService.Refusal refusalFor(String keyId, String jti, Integer policyVersion, String clientIp) {
        if (directory.isRevoked(jti)) {
            return new TokenService.Refusal(ReasonCode.TOKEN_REVOKED, "the access token has been revoked");
        }
        KeyState key = directory.find(keyId);
        if (key == null) {
            return new TokenService.Refusal(ReasonCode.KEY_UNKNOWN, TokenService.UNKNOWN_KEY);
        }
        KeyAdmission.Verdict verdict = KeyAdmission.evaluate(key, Instant.now(), clientIp);
        if (!verdict.admitted()) {
            return new TokenService.Refusal(verdict.refusal().reason(), verdict.refusal().description());
        }
        if (policyVersion == null || policyVersion != key.policyVersion()) {
            return new TokenService.Refusal(ReasonCode.POLICY_CHANGED, "the key's policy has changed; request a new access token");
        }
        return null;
    }

    /** The key id a JWS names in its header, or null when it is not one. */
    private static String keyIdOf(String token) {
        try {
            return com.nimbusds.jose.JWSObject.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            return null;
        }
    }
}
