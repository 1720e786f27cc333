package io.sesame.alert.boundary;

import io.sesame.access.control.Actor;
import io.sesame.alert.control.AlertRule;
import io.sesame.alert.entity.Alert;
import io.sesame.alert.entity.AlertDelivery;
import io.sesame.alert.entity.AlertKind;
import io.sesame.alert.entity.AlertRuleOverride;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Raises, lists and resolves alerts, and keeps the rule overrides. Raising happens in a transaction of its own,
 * so a monitoring pass or an SNS notification never shares a failure with the request that triggered it.
 */
@Stateless
public class AlertService {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    AlertSettings alertSettings;

    @EJB
    LifecycleAudit audit;

    @EJB
    KeyService keys;

    /** Something a monitor observed: which rule, for which key, how much, in words. */
    public record Signal(AlertKind kind, String keyId, String applicationId, double observed, String summary) {
    }

    /** What raising a signal did. */
    public enum Outcome { BELOW_THRESHOLD, DISABLED, RAISED, REPEATED }

    /**
     * Applies the rule in force for the signal's key: below its threshold or disabled, nothing happens; otherwise
     * an alert is opened — or, when one is already open for this rule and key, counted as a repeat (no new
     * notifications). A new alert queues its notifications and, when the rule says so, suspends the key.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome raise(Signal signal, List<AlertRule> overrides) {
        AlertRule rule = AlertRule.effective(signal.kind(), signal.applicationId(), signal.keyId(), overrides);
        if (!rule.enabled()) {
            return Outcome.DISABLED;
        }
        if (!signal.kind().crossed(signal.observed(), rule.threshold())) {
            return Outcome.BELOW_THRESHOLD;
        }
        Instant now = Instant.now();
        Double threshold = signal.kind().hasThreshold() ? rule.threshold() : null;
        Double observed = signal.kind().hasThreshold() ? signal.observed() : null;
        List<Alert> open = em.createQuery("select a from Alert a where a.openSlot = :slot", Alert.class)
                .setParameter("slot", Alert.slot(signal.kind(), signal.keyId())).getResultList();
        if (!open.isEmpty()) {
            open.get(0).repeated(signal.summary(), observed, now);
            return Outcome.REPEATED;
        }
        Alert alert = new Alert(signal.kind(), signal.keyId(), signal.applicationId(), signal.summary(), observed, threshold, now);
        em.persist(alert);
        em.flush(); // a concurrent node opening the same alert fails here, on the unique open slot
        if (rule.notifyWebhook() && alertSettings.alertWebhookUrl().isPresent()) {
            em.persist(new AlertDelivery(alert.getId(), AlertDelivery.Channel.WEBHOOK, alertSettings.alertWebhookUrl().get(), now));
        }
        if (rule.notifyEmail() && !alertSettings.alertEmailTo().isEmpty()) {
            em.persist(new AlertDelivery(alert.getId(), AlertDelivery.Channel.EMAIL, String.join(",", alertSettings.alertEmailTo()), now));
        }
        if (rule.notifyEmail() && signal.kind().notifiesOwner() && signal.applicationId() != null) {
            io.sesame.token.entity.Application owner = em.find(io.sesame.token.entity.Application.class, signal.applicationId());
            if (owner != null && owner.getContactEmail() != null && !owner.getContactEmail().isBlank()
                    && !alertSettings.alertEmailTo().contains(owner.getContactEmail())) {
                em.persist(new AlertDelivery(alert.getId(), AlertDelivery.Channel.EMAIL, owner.getContactEmail(), now));
            }
        }
        audit.record("system:alerts", "alert.raised", "alert", String.valueOf(alert.getId()),
                signal.kind().code() + (signal.keyId() == null ? "" : " for key " + signal.keyId()) + ": " + signal.summary(),
                null, null);
        if (rule.autoSuspend() && signal.keyId() != null) {
            ApiKey key = em.find(ApiKey.class, signal.keyId());
            if (key != null && key.getStatus().isLive()) {
                keys.suspend(signal.keyId(), Actor.system("alerts").because("alert " + alert.getId() + ", " + signal.kind().code()));
                alert.keySuspended();
            }
        }
        return Outcome.RAISED;
    }

    public List<AlertRule> overrides() {
        return em.createQuery("select r from AlertRuleOverride r", AlertRuleOverride.class).getResultList().stream()
                .map(AlertRule::of).toList();
    }

    public List<AlertRuleOverride> overrideEntities() {
        return em.createQuery("select r from AlertRuleOverride r order by r.kind, r.scopeRef", AlertRuleOverride.class)
                .getResultList();
    }

    /** Sets (creates or replaces) the rule for one kind at one scope. */
    public AlertRuleOverride setRule(AlertKind kind, String applicationId, String keyId, double threshold, boolean enabled,
                                     boolean autoSuspend, boolean notifyWebhook, boolean notifyEmail, Actor actor) {
        actor.require(Permission.MANAGE_MONITORING);
        if (kind.hasThreshold() && !(threshold > 0) || Double.isInfinite(threshold)) {
            throw SesameException.invalid("threshold", "a positive number");
        }
        if (keyId != null && em.find(ApiKey.class, keyId) == null) {
            throw SesameException.notFound("key", keyId);
        }
        String scopeRef = AlertRuleOverride.scopeRef(applicationId, keyId);
        AlertRuleOverride rule = em.createQuery("select r from AlertRuleOverride r where r.kind = :kind and r.scopeRef = :scope",
                        AlertRuleOverride.class).setParameter("kind", kind).setParameter("scope", scopeRef)
                .getResultStream().findFirst().orElse(null);
        boolean created = rule == null;
        if (created) {
            rule = new AlertRuleOverride(kind, keyId == null ? applicationId : null, keyId);
        }
        rule.set(threshold, enabled, autoSuspend, notifyWebhook, notifyEmail, Instant.now(), actor.name());
        if (created) {
            em.persist(rule);
        }
        em.flush();
        audit.record(actor.name(), "alert-rule.set", "alert-rule", String.valueOf(rule.getId()), kind.code() + " at " + scopeRef
                + ": threshold " + threshold + (enabled ? "" : ", disabled") + (autoSuspend ? ", auto-suspend" : "")
                + (notifyWebhook ? ", webhook" : "") + (notifyEmail ? ", email" : ""), null, null);
        return rule;
    }

    public void deleteRule(long id, Actor actor) {
        actor.require(Permission.MANAGE_MONITORING);
        AlertRuleOverride rule = em.find(AlertRuleOverride.class, id);
        if (rule == null) {
            throw SesameException.notFound("alert rule", String.valueOf(id));
        }
        em.remove(rule);
        audit.record(actor.name(), "alert-rule.deleted", "alert-rule", String.valueOf(id), rule.getKind().code() + " at "
                + rule.getScopeRef() + " (the default applies again)", null, null);
    }

    /** Newest first; status "open", "resolved" or null for both. */
    public List<Alert> list(String status, String keyId, int limit) {
        StringBuilder jpql = new StringBuilder("select a from Alert a where 1 = 1");
        if (status != null) {
            jpql.append(" and a.status = :status");
        }
        if (keyId != null) {
            jpql.append(" and a.keyId = :key");
        }
        var query = em.createQuery(jpql.append(" order by a.lastSeen desc, a.id desc").toString(), Alert.class);
        if (status != null) {
            query.setParameter("status", Alert.Status.valueOf(status.toUpperCase(Locale.ROOT)));
        }
        if (keyId != null) {
            query.setParameter("key", keyId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    public Alert find(long id) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw SesameException.notFound("alert", String.valueOf(id));
        }
        return alert;
    }

    public List<AlertDelivery> deliveries(long alertId) {
        return em.createQuery("select d from AlertDelivery d where d.alertId = :id order by d.id", AlertDelivery.class)
                .setParameter("id", alertId).getResultList();
    }

    public Alert resolve(long id, Actor actor) {
        actor.require(Permission.MANAGE_MONITORING);
        Alert alert = find(id);
        if (alert.getStatus() == Alert.Status.OPEN) {
            alert.resolve(actor.name(), Instant.now());
            audit.record(actor.name(), "alert.resolved", "alert", String.valueOf(id), alert.getKind().code()
                    + (alert.getKeyId() == null ? "" : " for key " + alert.getKeyId()), null, null);
        }
        return alert;
    }

    public long openCount() {
        return em.createQuery("select count(a) from Alert a where a.status = :open", Long.class)
                .setParameter("open", Alert.Status.OPEN).getSingleResult();
    }

    /** Deliveries due now (oldest first). */
    public List<AlertDelivery> due(Instant now, int max) {
        return em.createQuery("select d from AlertDelivery d where d.status = :pending and d.nextAttemptAt <= :now "
                        + "order by d.nextAttemptAt", AlertDelivery.class)
                .setParameter("pending", AlertDelivery.Status.PENDING).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }

    /** Records one delivery attempt; {@code next} null after a failure means giving up. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempted(long deliveryId, boolean ok, String detail, Instant next) {
        AlertDelivery delivery = em.find(AlertDelivery.class, deliveryId);
        Instant now = Instant.now();
        if (ok) {
            delivery.delivered(now);
            audit.record("system:alerts", "alert.notified", "alert", String.valueOf(delivery.getAlertId()),
                    delivery.getChannel().name().toLowerCase(Locale.ROOT) + " to " + delivery.getTarget()
                            + (detail == null ? "" : " (" + detail + ")"), null, null);
        } else {
            delivery.failed(detail, next);
            if (next == null) {
                audit.record("system:alerts", "alert.notification-failed", "alert", String.valueOf(delivery.getAlertId()),
                        delivery.getChannel().name().toLowerCase(Locale.ROOT) + " to " + delivery.getTarget() + " gave up after "
                                + delivery.getAttempts() + " attempts: " + detail, null, null);
            }
        }
    }
}
