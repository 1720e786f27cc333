package io.sesame.signal.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.control.Ids;
import io.sesame.signal.control.SecurityEvents;
import io.sesame.signal.entity.SecurityEventDelivery;
import io.sesame.token.boundary.SigningKeyService;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.control.SigningKeyVersion;
import io.sesame.token.entity.ApiKey;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's transactions. New lifecycle events are found by what has no delivery yet (a window of recent events and
 * the unique event-receiver pair), not by a cursor: a long transaction that commits an older id late is still seen, two
 * instances enqueuing at once cannot stall each other, and enqueuing again is harmless.
 */
@Stateless
public class SignalOutbox {

    static final int BATCH = 200;
    /** How far back new events are looked for: far longer than any transaction that writes one. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Delivered and given-up rows are kept this long for operators, then deleted. */
    static final Duration RETENTION = Duration.ofDays(7);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    SigningKeyService signingKeys;

    @Inject
    TokenSettings tokenSettings;

    private final SecureRandom random = new SecureRandom();

    /** Stores a delivery (the SET's claims) per receiver for each pushed lifecycle event of the window that has none. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int enqueue(URI receiver, Instant now) {
        List<LifecycleEvent> events = em.createQuery("select e from LifecycleEvent e where e.occurredAt >= :since "
                        + "and e.action in :actions and not exists (select d.id from SecurityEventDelivery d "
                        + "where d.lifecycleEventId = e.id and d.receiver = :receiver) order by e.id", LifecycleEvent.class)
                .setParameter("since", now.minus(WINDOW)).setParameter("actions", SecurityEvents.ACTIONS)
                .setParameter("receiver", receiver.toString()).setMaxResults(BATCH).getResultList();
        for (LifecycleEvent e : events) {
            String applicationId = null;
            if ("api-key".equals(e.getTargetType()) && e.getTargetId() != null) {
                ApiKey k = em.find(ApiKey.class, e.getTargetId());
                applicationId = k == null ? null : k.getApplicationId();
            } else if ("application".equals(e.getTargetType())) {
                applicationId = e.getTargetId();
            }
            SecurityEvents.Event event = SecurityEvents.of(new SecurityEvents.Fact(e.getId(), e.getOccurredAt(), e.getAction(),
                    e.getTargetType(), e.getTargetId(), applicationId));
            if (event != null) {
                String jti = Ids.secret(random, 22);
                JWTClaimsSet claims = SecurityEvents.claims(event, tokenSettings.tokenIssuer(), receiver.toString(), jti, now);
                em.persist(new SecurityEventDelivery(e.getId(), receiver.toString(), jti, event.type(),
                        String.valueOf(event.subject().get("id")), claims.toString(), now));
            }
        }
        return events.size();
    }

    /**
     * Deliveries to push now, for the configured receivers only: never one whose subject has an earlier event still
     * pending at that receiver (a receiver must not learn "reactivated" before "suspended"), key and application events
     * before single-token revocations (which any key holder can make many of).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SecurityEventDelivery> due(List<String> receivers, Instant now, int max) {
        return em.createQuery("select d from SecurityEventDelivery d where d.status = :pending and d.nextAttemptAt <= :now "
                        + "and d.receiver in :receivers and not exists (select p.id from SecurityEventDelivery p "
                        + "where p.receiver = d.receiver and p.subjectId = d.subjectId and p.status = :pending "
                        + "and p.lifecycleEventId < d.lifecycleEventId) "
                        + "order by case when d.eventType = :session then 1 else 0 end, d.lifecycleEventId", SecurityEventDelivery.class)
                .setParameter("pending", SecurityEventDelivery.Status.PENDING).setParameter("now", now)
                .setParameter("receivers", receivers).setParameter("session", SecurityEvents.SESSION_REVOKED)
                .setMaxResults(max).getResultList();
    }

    /** The SET of a delivery, signed now by the current signing key; empty when none is available. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> signed(SecurityEventDelivery delivery) {
        Optional<SigningKeyVersion> key = signingKeys.signingKey(Instant.now());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecurityEvents.sign(JWTClaimsSet.parse(delivery.getClaims()), key.get()));
        } catch (ParseException e) {
            throw new IllegalStateException("stored claims of delivery " + delivery.getId() + " do not parse", e);
        }
    }

    /** Records an attempt, only while the delivery is still pending (another instance may have finished it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempted(long id, boolean ok, String detail, Instant next) {
        SecurityEventDelivery d = em.find(SecurityEventDelivery.class, id);
        if (d != null && d.getStatus() == SecurityEventDelivery.Status.PENDING) {
            d.attempted(ok, detail, next, Instant.now());
        }
    }

    /** Deletes delivered and given-up rows past the retention. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int tidy(Instant now) {
        return em.createQuery("delete from SecurityEventDelivery d where d.status <> :pending and d.createdAt < :before")
                .setParameter("pending", SecurityEventDelivery.Status.PENDING).setParameter("before", now.minus(RETENTION))
                .executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SecurityEventDelivery> recent(int max) {
        return em.createQuery("select d from SecurityEventDelivery d order by d.id desc", SecurityEventDelivery.class)
                .setMaxResults(max).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long pending() {
        return em.createQuery("select count(d) from SecurityEventDelivery d where d.status = :pending", Long.class)
                .setParameter("pending", SecurityEventDelivery.Status.PENDING).getSingleResult();
    }
}
