package io.sesame.token.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.cluster.control.ClusterNotice;
import io.sesame.cluster.control.VersionedCache;
import io.sesame.platform.boundary.AfterCompletion;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.control.AbsentKeys;
import io.sesame.token.control.KeyState;
import io.sesame.token.control.TokenLifetime;
import io.sesame.token.entity.AccessPolicyVersion;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import io.sesame.token.entity.RevokedToken;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-instance cache of key states and revoked token ids that every authenticated request consults.
 * The database is the source of truth; every lifecycle change invalidates the entry in the same request, so
 * a revocation is effective on the very next call. In cluster mode ({@link ClusterGrid}) each entry remembers the
 * shared version it was loaded under and is reloaded when another instance has changed the key since; other
 * instances' token revocations are in the grid, and a notice drops an entry at once.
 */
@ApplicationScoped
public class KeyDirectory {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ClusterGrid cluster;

    /** Key states, each with the shared versions (key, applications) it was loaded under. */
    private final VersionedCache<KeyState> keys = new VersionedCache<>();
    /** Ids looked up and not found lately: no query each for a flood of made-up ids. */
    private final AbsentKeys absent = new AbsentKeys();
    /** Moves on with every forget, so that a miss loaded before a key's creation is not remembered after it. */
    private final java.util.concurrent.atomic.AtomicLong forgets = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    /** Set when cluster membership changed: the next check reloads the revocations from the database. */
    private volatile boolean revocationsStale;

    @PostConstruct
    void start() {
        loadRevokedTokens();
        cluster.onNotice(this::noticed);
        cluster.onResync(this::resync);
    }

    private void loadRevokedTokens() {
        em.createQuery("select t from RevokedToken t where t.expiresAt > :now", RevokedToken.class)
                .setParameter("now", Instant.now())
                .getResultStream()
                .forEach(t -> revokedTokens.put(t.getJti(), t.getExpiresAt()));
    }

    /** The key's current state, or null when no such key exists. */
    public KeyState find(String keyId) {
        if (absent.knownAbsent(keyId)) {
            return null;
        }
        // The versions are read before a load: a change committed meanwhile bumps them after, and the next call reloads.
        long forgetsBefore = forgets.get();
        long version = cluster.version(keyId);
        KeyState state = keys.get(keyId, version, cluster.version(ClusterGrid.APPLICATIONS), this::load);
        if (state == null && forgets.get() == forgetsBefore && cluster.version(keyId) == version) {
            absent.remember(keyId);
        }
        return state;
    }

    private KeyState load(String keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            return null;
        }
        Application application = em.find(Application.class, key.getApplicationId());
        AccessPolicyVersion version = em.find(AccessPolicyVersion.class,
                new AccessPolicyVersion.Id(keyId, key.getPolicyVersion()));
        AccessPolicy policy = PolicyJson.parse(version.getPermissions(), version.getScopeJson());
        return new KeyState(key.getId(), key.getApplicationId(), application.getName(), application.getStatus(),
                key.getStatus(), key.getSecretHash(), key.getExpiresAt(), key.getGraceUntil(), key.getPolicyVersion(),
                policy, key.isFederated());
    }

    /**
     * Drops the key's cached state now and again when the current transaction completes, so that a request
     * racing with the change cannot re-cache the state from before the commit.
     */
    public void invalidate(String keyId) {
        keys.remove(keyId);
        forget(keyId);
        AfterCompletion.run(transactions, committed -> {
            keys.remove(keyId);
            forget(keyId);
            if (committed) {
                cluster.changed(ClusterNotice.Kind.KEY, keyId);
            }
        });
    }

    private void forget(String keyId) {
        forgets.incrementAndGet();
        absent.forget(keyId);
    }

    public void invalidateApplication(String applicationId) {
        removeApplication(applicationId);
        AfterCompletion.run(transactions, committed -> {
            removeApplication(applicationId);
            if (committed) {
                cluster.changed(ClusterNotice.Kind.APPLICATION, applicationId);
            }
        });
    }

    private void removeApplication(String applicationId) {
        keys.removeIf(k -> k.applicationId().equals(applicationId));
    }

    public boolean isRevoked(String jti) {
        if (revocationsStale) {
            revocationsStale = false;
            loadRevokedTokens();
        }
        return jti != null && (revokedTokens.containsKey(jti) || cluster.isTokenRevoked(jti));
    }

    public void tokenRevoked(String jti, Instant expiresAt) {
        revokedTokens.put(jti, expiresAt);
        AfterCompletion.run(transactions, committed -> {
            if (committed) {
                cluster.tokenRevoked(jti, expiresAt);
            }
        });
    }

    /** A notice from another instance: drop what it is about (the next request reloads from the database). */
    private void noticed(ClusterNotice notice) {
        switch (notice.kind()) {
            case KEY -> {
                keys.remove(notice.subject());
                forget(notice.subject());
            }
            case APPLICATION -> removeApplication(notice.subject());
            case TOKEN -> revokedTokens.putIfAbsent(notice.subject(), Instant.now().plus(TokenLifetime.MAXIMUM));
            case SIGNING_KEYS -> {
                // the signing key service listens for these
            }
        }
    }

    /**
     * Membership changed: notices may have been missed, so start again from the database. Called on a grid thread:
     * the revocations are reloaded by the next request (which has the container's persistence context).
     */
    private void resync() {
        keys.clear();
        forgets.incrementAndGet();
        absent.forgetAll();
        revocationsStale = true;
    }

    /** Forget revocations of tokens that have expired anyway; refresh key states now and then ({@link KeyDirectoryTidying}). */
    public void tidy() {
        Instant now = Instant.now();
        revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        keys.clear();
    }
}
