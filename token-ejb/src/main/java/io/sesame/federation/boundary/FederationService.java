package io.sesame.federation.boundary;

import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.federation.control.SubjectTokenCheck;
import io.sesame.federation.control.TrustPolicyJson;
import io.sesame.federation.control.TrustRules;
import io.sesame.federation.entity.TrustPolicy;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ReasonCode;
import io.sesame.token.boundary.ExchangeGuard;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.boundary.TokenService;
import io.sesame.token.control.KeyState;
import io.sesame.token.control.OAuthError;
import io.sesame.token.entity.Application;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Trust policies (create, read) and the token exchange that uses them (RFC 8693). A trust policy's key is managed like
 * any key afterwards (policy change, suspend, reactivate, revoke through {@link KeyService}).
 */
@Stateless
public class FederationService {

    /** The action a refused exchange is audited under. */
    public static final String EXCHANGE_ACTION = "oauth:token-exchange";
    static final String UNKNOWN_TRUST_POLICY = "unknown trust policy (client_id)";

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    KeyService keys;

    @EJB
    TokenService tokens;

    @EJB
    LifecycleAudit audit;

    @Inject
    KeyDirectory directory;

    @Inject
    IssuerKeys issuerKeys;

    @Inject
    FederationSettings settings;

    @Inject
    ExchangeGuard exchangeGuard;

    @Inject
    io.sesame.token.boundary.TokenSettings tokenSettings;

    /** A trust policy with its key (status, policy, expiry). */
    public record TrustPolicyView(TrustPolicy trust, TrustRules rules, KeyService.KeyView key) {
    }

    /** Creates a trust policy: the secretless key (checked as a key issue, narrowing only) and its conditions. */
    public TrustPolicyView create(String applicationId, TrustPolicyJson.Draft draft, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        if (draft.rules().issuer().toString().equals(tokenSettings.tokenIssuer())) {
            throw SesameException.invalid("issuer", "is Sesame itself: a Sesame token is not a workload identity");
        }
        KeyService.FederatedKey issued = keys.issueFederated(applicationId, draft.name(), draft.expiresInDays(), draft.policy(), actor);
        TrustRules rules = draft.rules();
        TrustPolicy trust = new TrustPolicy(issued.key().getId(), rules.issuer().toString(), rules.audience(),
                rules.subject().toString(), TrustPolicyJson.claimsToJson(rules.requiredClaims()),
                rules.jwksUri() == null ? null : rules.jwksUri().toString(),
                rules.pinnedJwks() == null ? null : rules.pinnedJwks().toString(true), issued.key().getCreatedAt(), actor.provenance());
        em.persist(trust);
        audit.record(actor.name(), "trust-policy.created", "api-key", trust.getKeyId(), "issuer " + trust.getIssuer()
                + "; audience " + trust.getAudience() + "; subject " + trust.getSubjectPattern() + "; claims "
                + trust.getRequiredClaims() + "; keys " + keySourceDetail(rules), null, null);
        return new TrustPolicyView(trust, rules, new KeyService.KeyView(issued.key(), issued.policy()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TrustPolicyView> list(String applicationId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        if (em.find(Application.class, applicationId) == null) {
            throw SesameException.notFound("application", applicationId);
        }
        return em.createQuery("select t from TrustPolicy t, ApiKey k where k.id = t.keyId and k.applicationId = :app "
                        + "order by t.createdAt desc", TrustPolicy.class)
                .setParameter("app", applicationId).setMaxResults(1000).getResultStream()
                .map(t -> new TrustPolicyView(t, rulesOf(t), keys.get(t.getKeyId()))).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TrustPolicyView get(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        TrustPolicy trust = keyId == null ? null : em.find(TrustPolicy.class, keyId);
        if (trust == null) {
            throw SesameException.notFound("trust policy", keyId);
        }
        return new TrustPolicyView(trust, rulesOf(trust), keys.get(keyId));
    }

    /** The trust conditions of a key, when it is a trust policy's (for the portal and reviews). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TrustRules rulesOfKey(String keyId) {
        TrustPolicy trust = keyId == null ? null : em.find(TrustPolicy.class, keyId);
        return trust == null ? null : rulesOf(trust);
    }

    /**
     * RFC 8693: trades a workload's OIDC token for an access token of the trust policy's key. No transaction of its own:
     * fetching an issuer's keys must not hold a database connection; the key's use and the lifecycle event commit
     * in theirs.
     *
     * @param trustPolicyId the {@code client_id}: the trust policy's key id
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenService.Exchange exchange(String trustPolicyId, String subjectToken, String requestedScope, String clientIp,
                                          String requestId, io.sesame.token.control.DpopBinding dpop) {
        Instant now = Instant.now();
        TrustRules rules = trustPolicyId == null || trustPolicyId.length() > 40 ? null : cachedRules(trustPolicyId);
        KeyState key = rules == null ? null : directory.find(trustPolicyId);
        if (key == null || !key.federated()) {
            return failed(clientIp, null, now, new TokenService.Refused(OAuthError.INVALID_CLIENT, UNKNOWN_TRUST_POLICY,
                    ReasonCode.KEY_UNKNOWN, null, null, 0));
        }
        SubjectTokenCheck.Verdict verdict = SubjectTokenCheck.check(subjectToken, rules, issuerKeys.of(rules), now,
                Duration.ofSeconds(settings.clockSkewSeconds()));
        if (verdict instanceof SubjectTokenCheck.Untrusted untrusted) {
            String description = untrusted.description()
                    + (untrusted.claimedSubject() == null ? "" : " (subject " + untrusted.claimedSubject() + ")");
            if (untrusted.failure() == SubjectTokenCheck.Failure.KEYS_UNAVAILABLE) {
                // counted like a failure (a flood of tokens naming unknown key ids must meet the throttle too), answered 503
                TokenService.Refused unavailable = new TokenService.Refused(OAuthError.TEMPORARILY_UNAVAILABLE, description,
                        ReasonCode.SUBJECT_TOKEN_INVALID, key.keyId(), key.applicationId(), 30);
                TokenService.Refused counted = failed(clientIp, key.keyId(), now, unavailable);
                return counted.error() == OAuthError.SLOW_DOWN ? counted : unavailable;
            }
            ReasonCode reason = untrusted.failure().conditionUnmet() ? ReasonCode.TRUST_CONDITIONS_UNMET : ReasonCode.SUBJECT_TOKEN_INVALID;
            return failed(clientIp, key.keyId(), now, new TokenService.Refused(OAuthError.INVALID_GRANT, description, reason,
                    key.keyId(), key.applicationId(), 0));
        }
        SubjectTokenCheck.Trusted trusted = (SubjectTokenCheck.Trusted) verdict;
        // the key's state only once the workload proved itself: nobody learns a trust policy is suspended by asking
        return tokens.exchangeFederated(key, requestedScope, trusted.issuer(), trusted.subject(), clientIp, requestId, dpop);
    }

    /**
     * Trust conditions by key id: written once, never changed (a change is a new trust policy), so cached without expiry
     * worries; a revoked trust policy is refused by its key's state, not by this cache.
     */
    private TrustRules cachedRules(String keyId) {
        TrustRules cached = RULES.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        TrustPolicy trust = em.find(TrustPolicy.class, keyId);
        if (trust == null) {
            return null;
        }
        TrustRules rules = rulesOf(trust);
        RULES.put(keyId, rules);
        return rules;
    }

    private static final com.github.benmanes.caffeine.cache.Cache<String, TrustRules> RULES =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterAccess(java.time.Duration.ofHours(1)).build();

    /** Counted against the address like a failed client-credentials request; over the limit, answered slow_down. */
    private TokenService.Refused failed(String clientIp, String keyId, Instant now, TokenService.Refused refusal) {
        return exchangeGuard.failed(clientIp, keyId, now, refusal);
    }

    private static String keySourceDetail(TrustRules rules) {
        return switch (rules.keySource()) {
            case "pinned" -> "pinned, RFC 7638 thumbprints " + String.join(" ", rules.pinnedThumbprints());
            case "jwks-uri" -> "from " + rules.jwksUri() + (rules.jwksUri().getHost().equalsIgnoreCase(rules.issuer().getHost())
                    ? "" : " (not the issuer's host)");
            default -> "from the issuer's OpenID discovery";
        };
    }

    private static TrustRules rulesOf(TrustPolicy t) {
        return TrustPolicyJson.stored(t.getIssuer(), t.getAudience(), t.getSubjectPattern(), t.getRequiredClaims(),
                t.getJwksUri(), t.getPinnedJwks());
    }
}
