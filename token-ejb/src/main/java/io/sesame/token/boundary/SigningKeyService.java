package io.sesame.token.boundary;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.cluster.control.ClusterNotice;
import io.sesame.platform.boundary.AfterCompletion;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.token.control.SecretBox;
import io.sesame.token.control.SigningKeyRing;
import io.sesame.token.control.SigningKeyVersion;
import io.sesame.token.control.TokenLifetime;
import io.sesame.token.entity.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps the JWT signing key ring: loads it (decrypting private keys), creates the first key, rotates on
 * schedule with a publish lead longer than the JWKS cache, and drops keys whose tokens have all expired.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class.getName());
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    TokenSettings tokenSettings;

    @EJB
    JobLeases leases;

    @EJB
    LifecycleAudit audit;

    @Inject
    ClusterGrid cluster;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    VerifiedTokens verifiedTokens;

    private final SecureRandom random = new SecureRandom();
    /** Set by another instance's notice or an unknown key id: the next use reloads the ring from the database. */
    private volatile boolean reloadRequested;
    private volatile Instant lastReload = Instant.EPOCH;
    private volatile SigningKeyRing ring = new SigningKeyRing(List.of());
    private volatile String problem = "signing keys not loaded yet";

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void start() {
        cluster.onNotice(notice -> {
            if (notice.kind() == ClusterNotice.Kind.SIGNING_KEYS) {
                reloadRequested = true;
                verifiedTokens.clear(); // a revoked key's tokens must not ride on this instance's cache until the reload
            }
        });
        maintain();
    }

    /**
     * A token names a key id this instance does not know: another instance may have created it (and the notice been
     * lost). Reloads at most every 30 seconds, so that made-up key ids cannot make each request hit the database.
     *
     * @return whether the ring was reloaded
     */
    public boolean reloadForUnknownKey(String kid) {
        if (kid == null || ring.keys().stream().anyMatch(k -> k.kid().equals(kid))
                || lastReload.isAfter(Instant.now().minusSeconds(30))) {
            return false;
        }
        maintain();
        return true;
    }

    private void reloadIfRequested() {
        if (reloadRequested) {
            reloadRequested = false;
            maintain();
        }
    }

    /** Reload (other instances may have rotated), rotate when due, forget expired keys. */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    public synchronized void maintain() {
        lastReload = Instant.now();
        SecretBox box;
        try {
            box = new SecretBox(tokenSettings.signingEncryptionKey().orElse(null));
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(problem)) {
                LOG.severe("Sesame is not ready: " + e.getMessage());
            }
            problem = e.getMessage();
            return;
        }
        try {
            SigningKeyRing loaded = load(box);
            Instant now = Instant.now();
            // Only one instance rotates (the others load the new key on their next run).
            if (loaded.rotationDue(now, tokenSettings.signingRotationPeriod())
                    && (loaded.keys().isEmpty() || leases.holds("signing-key-rotation", Duration.ofMinutes(9)))) {
                loaded = rotate(loaded, box, now, "system:scheduler");
            }
            for (SigningKeyVersion expired : loaded.expired(now)) {
                SigningKey row = em.find(SigningKey.class, expired.kid());
                if (row != null) {
                    em.remove(row);
                    audit.record("system:scheduler", "signing-key.removed", "signing-key", expired.kid(),
                            "every token it signed has expired", null, null);
                }
            }
            SigningKeyRing next = new SigningKeyRing(loaded.keys().stream().filter(k -> k.publishedAt(now)).toList());
            if (ring.lostAny(next)) {
                verifiedTokens.clear(); // a key revoked elsewhere (even if its notice was lost) or dropped
            }
            ring = next;
            problem = null;
        } catch (RuntimeException e) {
            problem = "signing keys unavailable: " + e.getMessage();
            LOG.severe("Sesame is not ready: " + problem);
        }
    }

    /** Starts a rotation now (admin action): the new key signs after the publish lead. */
    public synchronized SigningKeyVersion rotateNow(Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        SecretBox box = new SecretBox(tokenSettings.signingEncryptionKey().orElse(null));
        SigningKeyRing rotated = rotate(load(box), box, Instant.now(), actor.name());
        ring = rotated;
        return rotated.keys().get(rotated.keys().size() - 1);
    }

    /**
     * Emergency revocation of a signing key (suspected leak): it leaves the database and the JWKS at once, every token
     * it signed is refused from the next request on, on every instance (cluster notice; the periodic reload catches a
     * lost one), and when it was the key that signs, a new one signs at once. Tokens must be fetched again.
     */
    public synchronized SigningKeyRing revokeNow(String kid, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        SecretBox box = new SecretBox(tokenSettings.signingEncryptionKey().orElse(null));
        SigningKeyRing loaded = load(box);
        SigningKey row = kid == null ? null : em.find(SigningKey.class, kid);
        if (row == null) {
            throw SesameException.notFound("signing key", kid);
        }
        em.remove(row);
        Instant now = Instant.now();
        SigningKeyRing remaining = loaded.without(kid);
        boolean wasSigning = remaining.signingKey(now).isEmpty();
        audit.record(actor.name(), "signing-key.revoked", "signing-key", kid, "revoked in an emergency: every token it signed "
                + "is refused from now on" + (wasSigning ? "; a new key signs at once" : ""), null, null);
        if (wasSigning) {
            remaining = rotate(remaining, box, now, actor.name());
        }
        em.flush();
        ring = new SigningKeyRing(remaining.keys().stream().filter(k -> k.publishedAt(now)).toList());
        verifiedTokens.clear();
        AfterCompletion.run(transactions, committed -> {
            if (committed) {
                cluster.changed(ClusterNotice.Kind.SIGNING_KEYS, kid);
            }
        });
        LOG.warning(() -> "Signing key " + kid + " revoked by " + actor.name() + ": every token it signed is refused");
        return ring;
    }

    public Optional<SigningKeyVersion> signingKey(Instant now) {
        reloadIfRequested();
        return ring.signingKey(now);
    }

    public JWKSet jwks() {
        reloadIfRequested();
        return ring.jwks(Instant.now());
    }

    public List<SigningKeyVersion> keys() {
        return ring.keys();
    }

    /** Null when tokens can be signed, else why not. */
    public String problem() {
        return problem;
    }

    Duration publishLead() {
        Duration maxAge = tokenSettings.jwksMaxAge();
        Duration margin = maxAge.compareTo(Duration.ofMinutes(1)) < 0 ? maxAge : Duration.ofMinutes(1);
        return maxAge.plus(margin);
    }

    private SigningKeyRing rotate(SigningKeyRing current, SecretBox box, Instant now, String actor) {
        SigningKeyRing.Rotation rotation = current.rotate(now, publishLead(), TokenLifetime.MAXIMUM.plus(CLOCK_SKEW), random);
        SigningKeyVersion added = rotation.added();
        em.persist(new SigningKey(added.kid(), "ES256", added.key().toPublicJWK().toJSONString(),
                box.seal(added.key().toJSONString(), added.kid()), added.createdAt(), added.activatesAt()));
        rotation.retired().ifPresent(r -> em.find(SigningKey.class, r.kid()).retire(r.retiresAt(), r.expiresAt()));
        audit.record(actor, "signing-key.created", "signing-key", added.kid(),
                "signs from " + added.activatesAt() + rotation.retired().map(r -> "; replaces " + r.kid()).orElse(""),
                null, null);
        LOG.info(() -> "Signing key " + added.kid() + " published; signs from " + added.activatesAt());
        AfterCompletion.run(transactions, committed -> {
            if (committed) {
                cluster.changed(ClusterNotice.Kind.SIGNING_KEYS, added.kid());
            }
        });
        return rotation.ring();
    }

    private SigningKeyRing load(SecretBox box) {
        List<SigningKeyVersion> versions = new ArrayList<>();
        for (SigningKey row : em.createQuery("select k from SigningKey k", SigningKey.class).getResultList()) {
            try {
                ECKey key = ECKey.parse(box.open(row.getPrivateJwkSealed(), row.getKid()));
                versions.add(new SigningKeyVersion(row.getKid(), key, row.getCreatedAt(), row.getActivatesAt(),
                        row.getRetiresAt(), row.getExpiresAt()));
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + row.getKid() + " is corrupt", e);
            }
        }
        return new SigningKeyRing(versions);
    }
}
