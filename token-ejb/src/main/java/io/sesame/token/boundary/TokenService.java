package io.sesame.token.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.access.control.Actor;
import io.sesame.dpop.boundary.DpopVerifier;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.Base62;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ReasonCode;
import io.sesame.policy.control.ScopeNotGrantedException;
import io.sesame.token.control.AccessTokenIssuer.IssuedToken;
import io.sesame.token.control.AccessTokenIssuer;
import io.sesame.token.control.AccessTokenVerifier;
import io.sesame.token.control.ApiKeyFormat;
import io.sesame.token.control.ApiKeySecret;
import io.sesame.token.control.DpopBinding;
import io.sesame.token.control.KeyAdmission;
import io.sesame.token.control.KeyState;
import io.sesame.token.control.MalformedApiKeyException;
import io.sesame.token.control.OAuthError;
import io.sesame.token.control.SigningKeyVersion;
import io.sesame.token.control.TokenLifetime;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.RevokedToken;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The token endpoint's use cases: trade an API key for an access token (OAuth client credentials), check a
 * token on every request, introspect (RFC 7662) and revoke (RFC 7009). Refusals are results, not exceptions,
 * so that what they must record (reuse detection, expiry) commits.
 */
@Stateless
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class.getName());
    static final String UNKNOWN_KEY = "unknown or invalid API key";

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    KeyDirectory directory;

    @EJB
    SigningKeyService signingKeys;

    @EJB
    LifecycleAudit audit;

    @EJB
    KeyService keys;

    @Inject
    ExchangeGuard exchangeGuard;

    @Inject
    BearerAuthentication bearers;

    @Inject
    DpopVerifier dpopVerifier;

    private final SecureRandom random = new SecureRandom();

    /** The outcome of a token request. */
    public sealed interface Exchange permits Issued, Refused {
    }

    /** An issued token; {@code dpop} when it is bound to the client's key (RFC 9449: token_type DPoP). */
    public record Issued(IssuedToken token, String keyId, boolean dpop) implements Exchange {
    }

    /**
     * A refused token request; {@code keyId}/{@code applicationId} are set when the request named an existing key (then
     * the refusal is audited against it), null for a malformed or unknown key.
     */
    public record Refused(OAuthError error, String description, ReasonCode reason, String keyId, String applicationId,
                          long retryAfterSeconds) implements Exchange {
        Refused(OAuthError error, String description, ReasonCode reason) {
            this(error, description, reason, null, null, 0);
        }

        Refused(OAuthError error, String description, ReasonCode reason, KeyState key) {
            this(error, description, reason, key.keyId(), key.applicationId(), 0);
        }
    }

    private Refused failed(String clientIp, String keyId, Instant now, Refused refusal) {
        return exchangeGuard.failed(clientIp, keyId, now, refusal);
    }

    /**
     * @param presentedKey the API key (client_secret or the Basic password)
     * @param claimedKeyId the client_id or Basic user name, when given: must be the key's id
     */
    public Exchange exchange(String presentedKey, String claimedKeyId, String requestedScope, String clientIp) {
        return exchange(presentedKey, claimedKeyId, requestedScope, clientIp, DpopBinding.none());
    }

    /** @param dpop what the request's DPoP proof showed (checked by the door, refused here once the key is known) */
    public Exchange exchange(String presentedKey, String claimedKeyId, String requestedScope, String clientIp, DpopBinding dpop) {
        Instant now = Instant.now();
        ApiKeySecret secret;
        try {
            secret = ApiKeyFormat.parse(presentedKey);
        } catch (MalformedApiKeyException e) {
            return failed(clientIp, null, now, new Refused(OAuthError.INVALID_CLIENT, e.getMessage(), ReasonCode.KEY_UNKNOWN));
        }
        if (claimedKeyId != null && !claimedKeyId.isBlank() && !claimedKeyId.equals(secret.keyId())) {
            return failed(clientIp, secret.keyId(), now,
                    new Refused(OAuthError.INVALID_CLIENT, "client_id does not match the API key", ReasonCode.KEY_UNKNOWN));
        }
        KeyState key = directory.find(secret.keyId());
        if (key == null) {
            LOG.fine(() -> "token request with an unknown key " + secret.keyId() + " from " + clientIp);
            return failed(clientIp, secret.keyId(), now, new Refused(OAuthError.INVALID_CLIENT, UNKNOWN_KEY, ReasonCode.KEY_UNKNOWN));
        }
        if (key.federated() || !tokenSettings.keyHasher().matches(secret, key.secretHash())) {
            // a trust policy's key has no secret (its hash is a marker no HMAC equals); refused by name too, fail closed
            // same answer as an unknown key (no oracle), but audited against the key: someone holds its id, not its secret
            return failed(clientIp, secret.keyId(), now,
                    new Refused(OAuthError.INVALID_CLIENT, UNKNOWN_KEY, ReasonCode.CREDENTIALS_INVALID, key));
        }
        KeyAdmission.Verdict verdict = KeyAdmission.evaluate(key, now, clientIp);
        if (!verdict.admitted()) {
            recordRefusal(key, verdict, clientIp);
            return new Refused(OAuthError.INVALID_CLIENT, verdict.refusal().description(), verdict.refusal().reason(), key);
        }
        Exchange minted = mint(key, requestedScope, now, Map.of(), dpop);
        if (minted instanceof Issued) {
            markUsed(key.keyId(), now, clientIp, "token");
        }
        return minted;
    }

    /**
     * A token for a trust policy's key whose workload token was trusted, in one transaction: the key's admission (as for
     * an API key, with the same consequences), its scope still within an API key of its application, then the same
     * down-scoping, lifetime and signing as for an API key, with an {@code act} claim (RFC 8693 §4.1) naming the
     * workload by its issuer's word; the key's use and a {@code token.exchanged} lifecycle event are recorded.
     */
    public Exchange exchangeFederated(KeyState key, String requestedScope, String workloadIssuer, String workloadSubject,
                                      String clientIp, String requestId, DpopBinding dpop) {
        if (!key.federated()) {
            throw new IllegalArgumentException("not a trust policy's key: " + key.keyId());
        }
        Instant now = Instant.now();
        KeyAdmission.Verdict verdict = KeyAdmission.evaluate(key, now, clientIp);
        if (!verdict.admitted()) {
            recordRefusal(key, verdict, clientIp);
            return new Refused(OAuthError.INVALID_CLIENT, "the trust policy: " + verdict.refusal().description(),
                    verdict.refusal().reason(), key);
        }
        if (!keys.withinApplication(key.keyId())) {
            return new Refused(OAuthError.INVALID_CLIENT, "the trust policy grants more than any API key of its application "
                    + "holds now (its ceiling was revoked, narrowed or rotated out): an admin narrows it or issues a ceiling key",
                    ReasonCode.SCOPE_EXCEEDS_APPLICATION, key);
        }
        Exchange minted = mint(key, requestedScope, now, Map.of("act", Map.of("iss", workloadIssuer, "sub", workloadSubject)), dpop);
        if (minted instanceof Issued issued) {
            markUsed(key.keyId(), now, clientIp, "token-exchange");
            // a lifecycle event per exchange: which workload got which token, by its issuer's word
            audit.record("key:" + key.keyId(), "token.exchanged", "access-token", issued.token().jti(), "workload "
                    + workloadSubject + " of " + workloadIssuer + " for trust policy " + key.keyId() + "; scope "
                    + issued.token().scope() + "; expires " + issued.token().expiresAt(), clientIp, requestId);
        }
        return minted;
    }

    /**
     * Records a key's last use with one update that takes no optimistic lock: concurrent exchanges of one key (a CI
     * matrix, a fleet of pods) must not fail each other on the key's version.
     */
    private void markUsed(String keyId, Instant at, String clientIp, String action) {
        em.createQuery("update ApiKey k set k.lastUsedAt = :at, k.lastUsedIp = :ip, k.lastUsedAction = :action, "
                        + "k.unusedFlaggedAt = null where k.id = :id")
                .setParameter("at", at).setParameter("ip", clientIp).setParameter("action", action).setParameter("id", keyId)
                .executeUpdate();
    }

    private Exchange mint(KeyState key, String requestedScope, Instant now, Map<String, Object> extraClaims, DpopBinding dpop) {
        if (dpop.bound()) { // the client has authenticated: only now is its proof's id remembered (strangers cannot fill it)
            DpopVerifier.Outcome sighting = dpopVerifier.firstSight(new DpopVerifier.Outcome(dpop.jkt(), dpop.jti(), null, null, false));
            if (!sighting.valid()) {
                dpop = DpopBinding.refused(sighting.refusal(), sighting.reason(), sighting.unavailable());
            }
        }
        if (dpop.failed()) {
            return dpop.unavailable()
                    ? new Refused(OAuthError.TEMPORARILY_UNAVAILABLE, dpop.refusal(), dpop.reason(), key.keyId(), key.applicationId(), 1)
                    : new Refused(OAuthError.INVALID_DPOP_PROOF, dpop.refusal(), dpop.reason(), key);
        }
        if (!dpop.bound() && key.policy().scope().requiresDpop()) {
            return new Refused(OAuthError.INVALID_DPOP_PROOF, "this key's tokens must be DPoP-bound (RFC 9449): send a DPoP "
                    + "proof with the token request", ReasonCode.DPOP_PROOF_INVALID, key);
        }
        if (dpop.bound()) {
            Map<String, Object> claims = new java.util.HashMap<>(extraClaims);
            claims.put("cnf", Map.of("jkt", dpop.jkt())); // RFC 9449 §6.1
            extraClaims = claims;
        }
        Set<Permission> granted;
        try {
            granted = key.policy().downScope(requestedScope);
        } catch (ScopeNotGrantedException e) {
            return new Refused(OAuthError.INVALID_SCOPE, e.getMessage(), ReasonCode.SCOPE_NOT_GRANTED, key);
        }
        if (granted.isEmpty()) {
            return new Refused(OAuthError.INVALID_SCOPE, "the key holds no permissions", ReasonCode.SCOPE_NOT_GRANTED, key);
        }
        Duration ttl = TokenLifetime.of(key.policy().scope().tokenTtlSeconds(), tokenSettings.defaultTokenTtl(), now,
                key.expiresAt(), key.graceUntil());
        if (ttl.isZero()) {
            return new Refused(OAuthError.INVALID_CLIENT, KeyAdmission.Refusal.EXPIRED.description(), ReasonCode.KEY_EXPIRED, key);
        }
        SigningKeyVersion signingKey = signingKeys.signingKey(now).orElseThrow(() -> SesameException.unavailable(
                "no signing key is available: " + Optional.ofNullable(signingKeys.problem()).orElse("not loaded")));
        IssuedToken token = issuer().issue(signingKey, key.applicationId(), key.keyId(), key.policyVersion(), granted,
                now, ttl, Base62.random(random, 22), extraClaims);
        return new Issued(token, key.keyId(), dpop.bound());
    }

    /**
     * Admission of a key presented by other means than a token (SigV4): the same rules, and the same consequences
     * for an expired key or a rotated key presented after its grace. Null when admitted, else why not.
     */
    public Refusal admit(KeyState key, String clientIp, String action) {
        KeyAdmission.Verdict verdict = KeyAdmission.evaluate(key, Instant.now(), clientIp);
        if (!verdict.admitted()) {
            recordRefusal(key, verdict, clientIp);
            return new Refusal(verdict.refusal().reason(), verdict.refusal().description());
        }
        markUsed(key.keyId(), Instant.now(), clientIp, action);
        return null;
    }

    private void recordRefusal(KeyState key, KeyAdmission.Verdict verdict, String clientIp) {
        if (verdict.nowExpired()) {
            keys.markExpired(key.keyId());
        }
        if (verdict.reuseDetected()) {
            audit.record("key:" + key.keyId(), "key.reuse-detected", "api-key", key.keyId(),
                    "a rotated key was presented after its grace period", clientIp, null);
            LOG.warning("Security event: rotated API key " + key.keyId() + " presented after its grace period from "
                    + clientIp + (tokenSettings.revokeFamilyOnReuse() ? "; revoking its rotation family" : ""));
            if (tokenSettings.revokeFamilyOnReuse()) {
                keys.revokeFamily(key.keyId(), Actor.system("reuse-detection"));
            }
        }
    }

    /** Why a key or token may not be used: the audit's reason code and a description safe to show the caller. */
    public record Refusal(ReasonCode reason, String description) {
    }

    /**
     * Whether the key and token behind an authenticated request may still be used: null when yes, else the
     * reason (revoked, suspended, rotated, policy changed, …). The per-request check is {@link BearerAuthentication}'s;
     * this is the same rule for introspection.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Refusal refusalFor(String keyId, String jti, Integer policyVersion, String clientIp) {
        return bearers.refusalFor(keyId, jti, policyVersion, clientIp);
    }

    /**
     * A bearer token's verdict: its verified claims, or why it is refused. A refused token whose signature held still
     * names its key ({@code keyId}, {@code applicationId}, {@code jti}), so the refusal can be audited against it.
     */
    public record Bearer(JWTClaimsSet claims, Refusal refusal, String keyId, String applicationId, String jti) {
        public boolean accepted() {
            return claims != null;
        }
    }

    /** RFC 7662: the claims of an active token, empty for anything else. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<JWTClaimsSet> introspect(String token) {
        Optional<JWTClaimsSet> claims = verifier().verify(token, signingKeys.jwks());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet c = claims.get();
        try {
            Object pv = c.getClaim("pv");
            Integer version = pv instanceof Number n ? n.intValue() : null;
            Refusal refusal = refusalFor(c.getStringClaim("client_id"), c.getJWTID(), version, null);
            return refusal == null ? claims : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * RFC 7009: revokes the access token or API key presented. Presenting a secret proves ownership; anything
     * unknown or already invalid is ignored, as the RFC asks.
     *
     * @return what was revoked, for the caller's log
     */
    public String revoke(String token, String clientIp) {
        if (token == null || token.isBlank()) {
            return "nothing";
        }
        if (token.startsWith(ApiKeyFormat.PREFIX)) {
            try {
                ApiKeySecret secret = ApiKeyFormat.parse(token);
                KeyState key = directory.find(secret.keyId());
                if (key != null && tokenSettings.keyHasher().matches(secret, key.secretHash())) {
                    keys.revokeByOwner(secret.keyId(), clientIp);
                    return "key " + secret.keyId();
                }
            } catch (MalformedApiKeyException ignored) {
                // RFC 7009 §2.2: an invalid token is not an error
            }
            return "nothing";
        }
        Optional<JWTClaimsSet> claims = verifier().verify(token, signingKeys.jwks());
        if (claims.isEmpty()) {
            return "nothing";
        }
        JWTClaimsSet c = claims.get();
        try {
            String keyId = c.getStringClaim("client_id");
            if (em.find(RevokedToken.class, c.getJWTID()) == null) {
                em.persist(new RevokedToken(c.getJWTID(), keyId, Instant.now(), c.getExpirationTime().toInstant()));
                audit.record("key:" + keyId, "token.revoked", "access-token", c.getJWTID(), "revoked by its holder",
                        clientIp, null);
            }
            directory.tokenRevoked(c.getJWTID(), c.getExpirationTime().toInstant());
            return "token " + c.getJWTID();
        } catch (ParseException e) {
            return "nothing";
        }
    }

    // Built once per pooled instance, not per request.
    private AccessTokenIssuer issuer;
    private AccessTokenVerifier verifier;

    private AccessTokenIssuer issuer() {
        if (issuer == null) {
            issuer = new AccessTokenIssuer(tokenSettings.tokenIssuer(), tokenSettings.tokenAudience());
        }
        return issuer;
    }

    private AccessTokenVerifier verifier() {
        if (verifier == null) {
            verifier = new AccessTokenVerifier(tokenSettings.tokenIssuer(), tokenSettings.tokenAudience(), tokenSettings.clockSkew());
        }
        return verifier;
    }
}
