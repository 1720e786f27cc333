package io.sesame.mail.boundary;

import io.sesame.audit.control.CallEventFormat;
import io.sesame.audit.entity.CallEvent;
import io.sesame.mail.control.CallContext;
import io.sesame.mail.control.OutgoingEmail;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.Reason;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Writes call events in transactions of their own: the attempt commits before SES is called, the outcome
 * after. If the attempt cannot be written the caller refuses to send (fail closed).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CallAudit {

    /** One JSON line per finished call event, for a SIEM; the database stays the source of truth. */
    private static final Logger SIEM = Logger.getLogger("io.sesame.audit.events");

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesameSettings settings;

    @Inject
    Instance<MetricRegistry> metrics;

    /** Records the attempt: denied with its reasons, or pending (allowed, about to call SES). */
    public long begin(CallContext caller, String action, OutgoingEmail email, Decision decision, String transport) {
        CallEvent event = new CallEvent(Instant.now(), caller.requestId(), caller.applicationId(), caller.keyId(),
                caller.jti(), action, caller.clientIp(), caller.userAgent());
        if (email != null) {
            List<String> recipients = email.recipients();
            event.describeMessage(email.fromAddress(), recipients.size(),
                    recipients.stream().map(PolicyEngine::domainOf).distinct().sorted().collect(Collectors.joining(",")),
                    settings.auditFullRecipients() ? String.join(",", recipients) : null, email.template(),
                    decision != null && decision.configurationSet() != null ? decision.configurationSet() : email.configurationSet());
        }
        if (decision != null && !decision.allowed()) {
            event.deny(decision.reasons().stream().map(r -> r.code().code()).collect(Collectors.joining(",")),
                    decision.reasons().stream().map(Reason::detail).collect(Collectors.joining("; ")));
        } else {
            event.allow(transport);
        }
        em.persist(event);
        em.flush();
        if (event.getDecision() == CallEvent.Decision.DENIED) {
            SIEM.info(() -> CallEventFormat.json(event).toString());
            count(event);
        }
        return event.getId();
    }

    public void sent(long id, String messageId, long latencyMillis) {
        CallEvent event = em.find(CallEvent.class, id);
        event.sent(messageId, (int) Math.min(Integer.MAX_VALUE, latencyMillis));
        SIEM.info(() -> CallEventFormat.json(event).toString());
        count(event);
    }

    public void failed(long id, String error, long latencyMillis) {
        CallEvent event = em.find(CallEvent.class, id);
        event.failed(error, (int) Math.min(Integer.MAX_VALUE, latencyMillis));
        SIEM.info(() -> CallEventFormat.json(event).toString());
        count(event);
    }

    /**
     * Metrics (/metrics, application scope): calls by action, decision and first reason; messages sent per key;
     * latency of the SES call. Every series of a name carries the same tags, as MicroProfile Metrics requires.
     */
    private void count(CallEvent event) {
        if (!metrics.isResolvable()) {
            return;
        }
        MetricRegistry registry = metrics.get();
        String reason = event.getReasonCodes() == null ? "none" : event.getReasonCodes().split(",")[0];
        registry.counter("sesame_calls", new Tag("action", event.getAction()),
                new Tag("decision", event.getDecision().name().toLowerCase()), new Tag("reason", reason)).inc();
        if (event.getDecision() == CallEvent.Decision.ALLOWED && event.getSesMessageId() != null) {
            registry.counter("sesame_sends", new Tag("key", String.valueOf(event.getKeyId()))).inc();
        }
        if (event.getLatencyMs() != null && event.getDecision() != CallEvent.Decision.DENIED) {
            registry.timer("sesame_ses_latency", new Tag("transport", String.valueOf(event.getTransport())))
                    .update(Duration.ofMillis(event.getLatencyMs()));
        }
    }

    public CallEvent find(long id) {
        return em.find(CallEvent.class, id);
    }
}
