package io.sesame.token.boundary;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.control.KeyState;
import io.sesame.token.entity.AccessPolicyVersion;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import io.sesame.token.entity.RevokedToken;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-instance cache of key states and revoked token ids that every authenticated request consults.
 * The database is the source of truth; every lifecycle change invalidates the entry in the same request, so
 * a revocation is effective on the very next call.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class KeyDirectory {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();

    @PostConstruct
    void loadRevokedTokens() {
        em.createQuery("select t from RevokedToken t where t.expiresAt > :now", RevokedToken.class)
                .setParameter("now", Instant.now())
                .getResultStream()
                .forEach(t -> revokedTokens.put(t.getJti(), t.getExpiresAt()));
    }

    /** The key's current state, or null when no such key exists. */
    public KeyState find(String keyId) {
        KeyState cached = keys.get(keyId);
        if (cached != null) {
            return cached;
        }
        KeyState loaded = load(keyId);
        if (loaded != null) {
            keys.put(keyId, loaded);
        }
        return loaded;
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
                policy);
    }

    /**
     * Drops the key's cached state now and again when the current transaction completes, so that a request
     * racing with the change cannot re-cache the state from before the commit.
     */
    public void invalidate(String keyId) {
        keys.remove(keyId);
        afterCompletion(() -> keys.remove(keyId));
    }

    public void invalidateApplication(String applicationId) {
        keys.values().removeIf(k -> k.applicationId().equals(applicationId));
        afterCompletion(() -> keys.values().removeIf(k -> k.applicationId().equals(applicationId)));
    }

    private void afterCompletion(Runnable action) {
        if (transactions.getTransactionKey() == null) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    public boolean isRevoked(String jti) {
        return jti != null && revokedTokens.containsKey(jti);
    }

    public void tokenRevoked(String jti, Instant expiresAt) {
        revokedTokens.put(jti, expiresAt);
    }

    /** Forget revocations of tokens that have expired anyway; refresh key states now and then. */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void tidy() {
        Instant now = Instant.now();
        revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        keys.clear();
    }
}
