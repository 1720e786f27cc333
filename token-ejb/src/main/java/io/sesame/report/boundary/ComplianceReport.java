package io.sesame.report.boundary;

import io.sesame.alert.entity.Alert;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.report.control.ComplianceData;
import io.sesame.review.entity.ReviewCampaign;
import io.sesame.review.entity.ReviewItem;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers the compliance report for a period from the key store, the reviews and the audit. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ComplianceReport {

    static final Duration MAX_PERIOD = Duration.ofDays(400);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    KeyService keys;

    @Inject
    SesameSettings settings;

    public ComplianceData build(Instant from, Instant to, String generatedBy) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw SesameException.invalid("from", "the period needs a start before its end");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw SesameException.invalid("to", "at most " + MAX_PERIOD.toDays() + " days per report");
        }
        Instant now = Instant.now();
        Map<String, Application> apps = em.createQuery("select a from Application a", Application.class).getResultList().stream()
                .collect(Collectors.toMap(Application::getId, Function.identity()));
        List<ComplianceData.KeyLine> keyLines = new ArrayList<>();
        for (ApiKey k : em.createQuery("select k from ApiKey k where k.createdAt < :to and (k.revokedAt is null or k.revokedAt >= :from) "
                + "order by k.applicationId, k.createdAt", ApiKey.class).setParameter("from", from).setParameter("to", to).getResultList()) {
            var policy = keys.get(k.getId()).policy();
            Application app = apps.get(k.getApplicationId());
            Instant ageAt = to.isBefore(now) ? to : now;
            keyLines.add(new ComplianceData.KeyLine(k.getId(), k.getName(), app == null ? k.getApplicationId() : app.getName(),
                    app == null ? "" : app.getOwner(), k.getStatus().name().toLowerCase(), k.getCreatedAt(), k.getExpiresAt(),
                    Math.max(0, Duration.between(k.getCreatedAt(), ageAt).toDays()), Permission.actions(policy.permissions()),
                    PolicyJson.scopeToJson(policy.scope()).toString(), k.getLastUsedAt()));
        }
        List<ComplianceData.Expiry> expiries = em.createQuery("select k from ApiKey k where k.expiresAt >= :from and k.expiresAt < :to "
                        + "order by k.expiresAt", ApiKey.class).setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(k -> new ComplianceData.Expiry(k.getId(), apps.containsKey(k.getApplicationId()) ? apps.get(k.getApplicationId()).getName()
                        : k.getApplicationId(), k.getExpiresAt(), k.getStatus().name().toLowerCase())).toList();
        List<ComplianceData.ReviewLine> reviews = new ArrayList<>();
        for (ReviewCampaign c : em.createQuery("select c from ReviewCampaign c where c.createdAt < :to and (c.closedAt is null or c.closedAt >= :from) "
                + "order by c.createdAt", ReviewCampaign.class).setParameter("from", from).setParameter("to", to).getResultList()) {
            for (ReviewItem i : em.createQuery("select i from ReviewItem i where i.campaignId = :c order by i.keyId", ReviewItem.class)
                    .setParameter("c", c.getId()).getResultList()) {
                reviews.add(new ComplianceData.ReviewLine(c.getId(), c.getName(), c.getDueAt(), c.getStatus().name().toLowerCase(),
                        i.getKeyId(), i.getDecision().name().toLowerCase(), i.getDecidedBy(), i.getDecidedAt(), i.getComment(),
                        String.join(" ", i.getUnusedActions())));
            }
        }
        List<ComplianceData.Revocation> revocations = em.createQuery("select e from LifecycleEvent e where e.action in :actions "
                        + "and e.occurredAt >= :from and e.occurredAt < :to order by e.occurredAt", LifecycleEvent.class)
                .setParameter("actions", List.of("key.revoked", "key.family-revoked", "token.revoked"))
                .setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(e -> new ComplianceData.Revocation(e.getOccurredAt(), e.getTargetId(), e.getActor(), e.getDetail())).toList();
        List<ComplianceData.DenialLine> denials = em.createQuery("select e.keyId, e.reasonCodes, count(e) from CallEvent e "
                        + "where e.decision = :denied and e.occurredAt >= :from and e.occurredAt < :to group by e.keyId, e.reasonCodes "
                        + "order by count(e) desc", Object[].class)
                .setParameter("denied", CallEvent.Decision.DENIED).setParameter("from", from).setParameter("to", to)
                .setMaxResults(1000).getResultList().stream()
                .map(r -> new ComplianceData.DenialLine((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        List<ComplianceData.AlertLine> alerts = em.createQuery("select a from Alert a where a.firstSeen >= :from and a.firstSeen < :to "
                        + "order by a.firstSeen", Alert.class).setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(a -> new ComplianceData.AlertLine(a.getId(), a.getKind().code(), a.getKeyId(), a.getStatus().name().toLowerCase(),
                        a.getFirstSeen(), a.getOccurrences(), a.getSummary())).toList();
        return new ComplianceData(from, to, now, generatedBy, settings.keyMaxLifetimeDays(), keyLines, expiries, reviews,
                revocations, denials, alerts);
    }
}
