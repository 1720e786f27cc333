package io.sesame.token.boundary;

import io.sesame.access.boundary.FourEyesSettings;
import io.sesame.access.control.Actor;
import io.sesame.access.control.FourEyesGates;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.control.ApiKeyFormat;
import io.sesame.token.control.ApiKeySecret;
import io.sesame.token.control.KeyLifecycle;
import io.sesame.token.entity.AccessPolicyVersion;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Issues, rotates, re-policies, suspends and revokes API keys; every change is audited in the same transaction. */
@Stateless
public class KeyService {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    TokenSettings tokenSettings;

    @EJB
    LifecycleAudit audit;

    @Inject
    KeyDirectory directory;

    @Inject
    SigV4Secrets sigV4;

    @Inject
    FourEyesSettings fourEyes;

    private final SecureRandom random = new SecureRandom();

    /** A key as shown once at creation or rotation: the only time the secret leaves Sesame. */
    /** A key as shown once: the API key, and the SigV4 credentials (access key id = key id) for the SES endpoint. */
    public record IssuedKey(ApiKey key, String apiKey, AccessPolicy policy, String sigV4Secret) {
    }

    public record KeyView(ApiKey key, AccessPolicy policy) {
    }

    /**
     * Checked here, whichever door asks, as every change below: the actor must hold {@code sesame:ManageKeys}, may grant
     * only what {@link Actor#requireMayGrant} allows, and under four-eyes must carry an approved request.
     */
    public IssuedKey issue(String applicationId, String name, Integer expiresInDays, AccessPolicy policy, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        int days = checkIssue(applicationId, name, expiresInDays, policy, actor);
        fourEyes.gates().require(FourEyesGates.Gate.ISSUE_KEY, actor);
        Instant now = Instant.now();
        ApiKeySecret secret = ApiKeyFormat.generate(random);
        ApiKey key = new ApiKey(secret.keyId(), applicationId, name.strip(), tokenSettings.keyHasher().hash(secret), 1, now,
                actor.provenance(), now.plus(Duration.ofDays(days)));
        String sigV4Secret = sigV4.issue(key);
        em.persist(key);
        em.persist(policyRow(key.getId(), 1, policy, now, actor.provenance()));
        audit.record(actor.name(), "key.issued", "api-key", key.getId(), "application " + applicationId + "; permissions "
                + Permission.actions(policy.permissions()) + "; expires " + key.getExpiresAt(), null, null);
        directory.invalidate(key.getId()); // an instance that was asked for this id before it existed forgets it was absent
        return new IssuedKey(key, secret.reveal(), policy, sigV4Secret);
    }

    /**
     * Issues the secretless key behind a trust policy (the caller stores the trust conditions in the same transaction).
     * Checked as {@link #issue}, and its policy may only narrow the application's: it must not grant more than some
     * API key of the application that is not revoked or expired already holds — a suspended key can serve as that
     * ceiling. Under four-eyes for issuing, refused: trust policies do not go through approval requests yet.
     *
     * @return the key and the API key whose policy it narrows
     */
    public FederatedKey issueFederated(String applicationId, String name, Integer expiresInDays, AccessPolicy policy, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        int days = checkIssue(applicationId, name, expiresInDays, policy, actor);
        if (fourEyes.gates().mustAsk(FourEyesGates.Gate.ISSUE_KEY, actor)) {
            throw new SesameException(ErrorKind.FORBIDDEN, "approval_required", "Four-eyes is on for issuing keys "
                    + "(sesame.approvals.four-eyes) and trust policies cannot go through approval requests yet: "
                    + "ask an operator to create it with four-eyes off for issue-key");
        }
        Instant now = Instant.now();
        String ceiling = ceilingFor(applicationId, policy, now);
        ApiKey key = ApiKey.federated(ApiKeyFormat.generate(random).keyId(), applicationId, name.strip(), 1, now,
                actor.provenance(), now.plus(Duration.ofDays(days)));
        em.persist(key);
        em.persist(policyRow(key.getId(), 1, policy, now, actor.provenance()));
        audit.record(actor.name(), "key.issued", "api-key", key.getId(), "trust policy of application " + applicationId
                + "; permissions " + Permission.actions(policy.permissions()) + "; within the policy of " + ceiling
                + "; expires " + key.getExpiresAt(), null, null);
        directory.invalidate(key.getId());
        return new FederatedKey(key, policy, ceiling);
    }

    public record FederatedKey(ApiKey key, AccessPolicy policy, String ceilingKeyId) {
    }

    /** The id of an API key of the application, usable or suspended, whose policy {@code policy} does not widen. */
    private String ceilingFor(String applicationId, AccessPolicy policy, Instant now) {
        return findCeiling(applicationId, policy, now).orElseThrow(() -> SesameException.conflict("scope_exceeds_application",
                "A trust policy can only narrow its application's scope: no API key of application " + applicationId
                        + " (not revoked, expired or rotated out; a suspended one counts) holds every permission and scope this "
                        + "policy grants. Issue one (and suspend it if it is only the ceiling), or narrow this policy."));
    }

    private java.util.Optional<String> findCeiling(String applicationId, AccessPolicy policy, Instant now) {
        List<ApiKey> candidates = em.createQuery("select k from ApiKey k where k.applicationId = :app and k.credential = :apiKey "
                        + "and k.status <> :revoked and k.status <> :expired and k.expiresAt > :now "
                        + "and (k.graceUntil is null or k.graceUntil > :now) order by k.createdAt", ApiKey.class)
                .setParameter("app", applicationId).setParameter("apiKey", ApiKey.API_KEY)
                .setParameter("revoked", KeyStatus.REVOKED).setParameter("expired", KeyStatus.EXPIRED).setParameter("now", now)
                .setMaxResults(1000).getResultList();
        return candidates.stream().filter(k -> !policy.widens(policyOf(k))).map(ApiKey::getId).findFirst();
    }

    /**
     * Whether a trust policy's key still fits within an API key of its application (the one it was created under may
     * have been revoked, narrowed or rotated out since): checked on every exchange, so that "only narrows" holds over
     * time, not just at creation.
     */
    public boolean withinApplication(String keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        return key != null && findCeiling(key.getApplicationId(), policyOf(key), Instant.now()).isPresent();
    }

    /**
     * Everything {@link #issue} checks except four-eyes, without issuing: a request for approval is refused up front for
     * the same reasons the issue would be.
     *
     * @return the key's lifetime in days
     */
    public int checkIssue(String applicationId, String name, Integer expiresInDays, AccessPolicy policy, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        actor.requireMayGrant(Set.of(), policy.permissions());
        Application application = applicationId == null ? null : em.find(Application.class, applicationId);
        if (application == null) {
            throw SesameException.notFound("application", applicationId);
        }
        if (applicationId.equals(applicationOf(actor))) {
            throw selfEscalation(actor, "issue keys in its own application");
        }
        if (application.getStatus() != ApplicationStatus.ACTIVE) {
            throw SesameException.conflict("application_suspended", "Application " + applicationId + " is suspended");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw SesameException.invalid("name", "is required (1-200 characters)");
        }
        int max = tokenSettings.keyMaxLifetimeDays();
        int days = expiresInDays == null ? max : expiresInDays;
        if (days < 1 || days > max) {
            throw SesameException.invalid("expiresInDays", "must be between 1 and " + max + " (sesame.keys.max-lifetime-days)");
        }
        return days;
    }

    public KeyView get(String keyId) {
        ApiKey key = find(keyId);
        return new KeyView(key, policyOf(key));
    }

    public List<KeyView> list(String applicationId) {
        String jpql = applicationId == null
                ? "select k from ApiKey k order by k.createdAt desc"
                : "select k from ApiKey k where k.applicationId = :app order by k.createdAt desc";
        var query = em.createQuery(jpql, ApiKey.class);
        if (applicationId != null) {
            if (em.find(Application.class, applicationId) == null) {
                throw SesameException.notFound("application", applicationId);
            }
            query.setParameter("app", applicationId);
        }
        return query.setMaxResults(1000).getResultStream().map(k -> new KeyView(k, policyOf(k))).toList();
    }

    /** A policy change is a new version; tokens minted under the old one stop working. A widening needs four-eyes when on. */
    public KeyView changePolicy(String keyId, AccessPolicy policy, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = lockUsable(keyId);
        if (checkPolicyChange(key, policy, actor)) {
            fourEyes.gates().require(FourEyesGates.Gate.WIDEN_POLICY, actor);
        }
        int version = key.getPolicyVersion() + 1;
        Instant now = Instant.now();
        em.persist(policyRow(keyId, version, policy, now, actor.provenance()));
        key.changePolicyVersion(version);
        audit.record(actor.name(), "key.policy-changed", "api-key", keyId, "version " + version + "; permissions "
                + Permission.actions(policy.permissions()) + "; scope " + PolicyJson.scopeToJson(policy.scope()), null, null);
        directory.invalidate(keyId);
        return new KeyView(key, policy);
    }

    /**
     * Everything {@link #changePolicy} checks except four-eyes, without changing anything.
     *
     * @return whether the new policy grants more than the key's current one (a widening)
     */
    public boolean checkPolicyChange(String keyId, AccessPolicy policy, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        return checkPolicyChange(find(keyId), policy, actor);
    }

    private boolean checkPolicyChange(ApiKey key, AccessPolicy policy, Actor actor) {
        KeyLifecycle.requireNotEnded(stateOf(key), Instant.now()); // the same refusal as for a change
        AccessPolicy current = policyOf(key);
        actor.requireMayGrant(current.permissions(), policy.permissions());
        boolean widens = policy.widens(current);
        if (key.getApplicationId().equals(applicationOf(actor)) && widens) {
            throw selfEscalation(actor, "widen a key of its own application");
        }
        if (key.isFederated() && widens) {
            ceilingFor(key.getApplicationId(), policy, Instant.now()); // a trust policy widens only within its application's keys
        }
        return widens;
    }

    /**
     * Replaces a key: the new one gets the same policy and a fresh lifetime of the same length; the old one
     * works until {@code now + grace} and is dead afterwards (presenting it then is reuse).
     */
    public IssuedKey rotate(String keyId, Long graceSeconds, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey old = lockUsable(keyId);
        long grace = checkRotate(old, graceSeconds, actor);
        if (!holdsSecretOf(old, actor)) {
            // the new secret goes to the caller: for anyone but the key or its maker, that is issuing a key
            fourEyes.gates().require(FourEyesGates.Gate.ISSUE_KEY, actor);
        }
        Instant now = Instant.now();
        KeyLifecycle.Change rotatedOut = KeyLifecycle.rotateOut(stateOf(old), now, now.plusSeconds(grace));
        AccessPolicy policy = policyOf(old);
        ApiKeySecret secret = ApiKeyFormat.generate(random);
        Duration lifetime = Duration.between(old.getCreatedAt(), old.getExpiresAt());
        Duration maxLifetime = Duration.ofDays(tokenSettings.keyMaxLifetimeDays());
        // a key rotating itself stays its maker's (else every self-rotation would add a link to its provenance)
        String maker = keyId.equals(actor.keyId()) ? old.getCreatedBy() : actor.provenance();
        ApiKey next = ApiKey.rotatedFrom(old, secret.keyId(), tokenSettings.keyHasher().hash(secret), 1, now, maker);
        String nextSigV4 = sigV4.issue(next);
        em.persist(next);
        next.extendTo(now.plus(lifetime.compareTo(maxLifetime) < 0 ? lifetime : maxLifetime));
        em.persist(policyRow(next.getId(), 1, policy, now, maker));
        apply(old, rotatedOut);
        audit.record(actor.name(), rotatedOut.event(), "api-key", keyId, "replaced by " + next.getId() + "; old key works until "
                + old.getGraceUntil(), null, null);
        audit.record(actor.name(), "key.issued", "api-key", next.getId(), "rotation of " + keyId + "; expires "
                + next.getExpiresAt(), null, null);
        directory.invalidate(keyId);
        directory.invalidate(next.getId());
        return new IssuedKey(next, secret.reveal(), policy, nextSigV4);
    }

    /**
     * Everything {@link #rotate} checks except four-eyes, without rotating.
     *
     * @return the grace in seconds
     */
    public long checkRotate(String keyId, Long graceSeconds, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = find(keyId);
        KeyLifecycle.requireNotEnded(stateOf(key), Instant.now());
        return checkRotate(key, graceSeconds, actor);
    }

    /** Whether the actor already holds the key's secret: the key itself, or whoever made it (issued or last rotated it). */
    public boolean holdsSecretOf(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        return holdsSecretOf(find(keyId), actor);
    }

    private static boolean holdsSecretOf(ApiKey key, Actor actor) {
        return key.getId().equals(actor.keyId()) || Actor.principal(key.getCreatedBy()).equals(Actor.principal(actor.name()));
    }

    private long checkRotate(ApiKey old, Long graceSeconds, Actor actor) {
        if (old.isFederated()) {
            throw SesameException.conflict("federated_key", "Key " + old.getId() + " belongs to a trust policy and has no secret "
                    + "to rotate: its workloads exchange their own tokens. To change whom it trusts, create a new trust policy "
                    + "and revoke this one.");
        }
        // a rotation hands the caller a new secret holding the old key's policy: a grant like any other
        actor.requireMayGrant(Set.of(), policyOf(old).permissions());
        if (!old.getId().equals(actor.keyId()) && old.getApplicationId().equals(applicationOf(actor))) {
            throw selfEscalation(actor, "rotate another key of its own application (it would get that key's secret)");
        }
        long grace = graceSeconds == null ? tokenSettings.defaultGrace().getSeconds() : graceSeconds;
        if (grace < 0 || grace > Duration.ofDays(30).getSeconds()) {
            throw SesameException.invalid("graceSeconds", "must be between 0 and 2592000 (30 days)");
        }
        return grace;
    }

    public KeyView revoke(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = find(keyId);
        em.lock(key, LockModeType.PESSIMISTIC_WRITE);
        transition(key, KeyLifecycle.revoke(stateOf(key), Instant.now()), actor.name(), "revoked", null);
        directory.invalidate(keyId);
        return new KeyView(key, policyOf(key));
    }

    public KeyView suspend(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = lockUsable(keyId);
        transition(key, KeyLifecycle.suspend(stateOf(key), Instant.now()), actor.name(), "suspended", null);
        directory.invalidate(keyId);
        return new KeyView(key, policyOf(key));
    }

    public KeyView reactivate(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = find(keyId);
        if (key.getApplicationId().equals(applicationOf(actor))) {
            throw selfEscalation(actor, "reactivate a key of its own application (a suspension, e.g. by an alert, is for someone else to lift)");
        }
        em.lock(key, LockModeType.PESSIMISTIC_WRITE);
        KeyLifecycle.Change reactivated = KeyLifecycle.reactivate(stateOf(key), Instant.now());
        transition(key, reactivated, actor.name(), reactivated.next().status() == KeyStatus.ACTIVE ? "reactivated"
                : "reactivated; still rotated out, usable until " + key.getGraceUntil() + " and retired after", null);
        directory.invalidate(keyId);
        return new KeyView(key, policyOf(key));
    }

    /** The owner revoked its own key (RFC 7009 with the key itself as the token). */
    public void revokeByOwner(String keyId, String clientIp) {
        ApiKey key = find(keyId);
        transition(key, KeyLifecycle.revoke(stateOf(key), Instant.now()), "key:" + keyId, "revoked by its holder", clientIp);
        directory.invalidate(keyId);
    }

    /** Reuse detection: every key of the rotation family is revoked. */
    public void revokeFamily(String keyId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ApiKey key = find(keyId);
        for (ApiKey member : em.createQuery("select k from ApiKey k where k.familyId = :family", ApiKey.class)
                .setParameter("family", key.getFamilyId()).getResultList()) {
            transition(member, KeyLifecycle.revoke(stateOf(member), Instant.now()), actor.name(),
                    "rotation family of " + keyId + " revoked after reuse of a retired key", null);
            directory.invalidate(member.getId());
        }
    }

    public void markExpired(String keyId) {
        ApiKey key = find(keyId);
        transition(key, KeyLifecycle.expire(stateOf(key), Instant.now()), "system:expiry", "expired at " + key.getExpiresAt(), null);
        directory.invalidate(keyId);
    }

    /** Revokes every key of an application (incident response). */
    public int revokeAll(String applicationId, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        if (em.find(Application.class, applicationId) == null) {
            throw SesameException.notFound("application", applicationId);
        }
        int count = 0;
        for (ApiKey key : em.createQuery("select k from ApiKey k where k.applicationId = :app and k.status <> :revoked",
                        ApiKey.class)
                .setParameter("app", applicationId).setParameter("revoked", KeyStatus.REVOKED).getResultList()) {
            transition(key, KeyLifecycle.revoke(stateOf(key), Instant.now()), actor.name(), "all keys of application "
                    + applicationId + " revoked", null);
            count++;
        }
        directory.invalidateApplication(applicationId);
        return count;
    }

    private AccessPolicy policyOf(ApiKey key) {
        AccessPolicyVersion version = em.find(AccessPolicyVersion.class,
                new AccessPolicyVersion.Id(key.getId(), key.getPolicyVersion()));
        return PolicyJson.parse(version.getPermissions(), version.getScopeJson());
    }

    private ApiKey find(String keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            throw SesameException.notFound("API key", keyId);
        }
        return key;
    }

    private ApiKey lockUsable(String keyId) {
        ApiKey key = find(keyId);
        em.lock(key, LockModeType.PESSIMISTIC_WRITE);
        KeyLifecycle.requireNotEnded(stateOf(key), Instant.now());
        return key;
    }

    /** The application of the key that acts, or null when a person or a job acts. */
    private String applicationOf(Actor actor) {
        ApiKey acting = actor.keyId() == null ? null : em.find(ApiKey.class, actor.keyId());
        return acting == null ? null : acting.getApplicationId();
    }

    private static SesameException selfEscalation(Actor actor, String what) {
        return new SesameException(ErrorKind.FORBIDDEN, "self_escalation", actor.name() + " may not " + what
                + ": a key could give itself (or a twin) a wider scope; another application's key or a portal admin can");
    }

    /** The stored key as the state machine sees it. */
    static KeyLifecycle.State stateOf(ApiKey key) {
        return new KeyLifecycle.State(key.getStatus(), key.getExpiresAt(), key.getGraceUntil(), key.getRevokedAt());
    }

    /** Stores a transition the state machine decided and records its lifecycle event; a change of nothing records nothing. */
    private void transition(ApiKey key, KeyLifecycle.Change change, String actor, String detail, String sourceIp) {
        if (change.changed()) {
            apply(key, change);
            audit.record(actor, change.event(), "api-key", key.getId(), detail, sourceIp, null);
        }
    }

    /** Stores what the state machine decided. */
    static void apply(ApiKey key, KeyLifecycle.Change change) {
        KeyLifecycle.State next = change.next();
        key.moveTo(next.status(), next.graceUntil(), next.revokedAt());
    }

    private static AccessPolicyVersion policyRow(String keyId, int version, AccessPolicy policy, Instant now, String actor) {
        return new AccessPolicyVersion(keyId, version, Permission.actions(policy.permissions()),
                PolicyJson.scopeToJson(policy.scope()).toString(), now, actor);
    }

}
