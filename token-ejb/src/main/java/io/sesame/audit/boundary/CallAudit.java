package io.sesame.audit.boundary;

import jakarta.transaction.Transactional;
import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.audit.control.CallContext;
import io.sesame.audit.control.CallEventFormat;
import io.sesame.audit.entity.CallEvent;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.MessageFacts;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Writes call events, each committed before the call goes on: the attempt before SES is called, the outcome after
 * (through {@link CallEventWriter}, which lets concurrent requests share commits). If the attempt cannot be written the
 * caller refuses to send (fail closed).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class CallAudit {

    private static final Logger LOG = Logger.getLogger(CallAudit.class.getName());

    /** One JSON line per finished call event, for a SIEM, off the request thread; the database stays the source of truth. */
    @Inject
    AuditLog log;

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    AuditSettings auditSettings;

    @Inject
    CallMetrics metrics;

    @Inject
    CallEventWriter writer;

    @Inject
    UnprovenRefusals unproven;

    /** Records the attempt: denied with its reasons, or pending (allowed, about to call SES); {@code email} may be null. */
    public long begin(CallContext caller, String action, MessageFacts email, Decision decision, String transport) {
        CallEvent event = new CallEvent(Instant.now(), caller.requestId(), caller.applicationId(), caller.keyId(),
                caller.jti(), action, caller.clientIp(), caller.userAgent());
        if (email != null) {
            List<String> recipients = email.recipients();
            event.describeMessage(email.fromAddress(), recipients.size(),
                    recipients.stream().map(PolicyEngine::domainOf).distinct().sorted().collect(Collectors.joining(",")),
                    auditSettings.auditFullRecipients() ? String.join(",", recipients) : null, email.template(),
                    decision != null && decision.configurationSet() != null ? decision.configurationSet() : email.configurationSet());
        }
        if (decision != null && !decision.allowed()) {
            event.deny(decision.reasons().stream().map(r -> r.code().code()).collect(Collectors.joining(",")),
                    decision.reasons().stream().map(Reason::detail).collect(Collectors.joining("; ")));
        } else {
            event.allow(transport);
        }
        writer.attempt(event);
        if (event.getDecision() == CallEvent.Decision.DENIED) {
            siem(event);
            metrics.count(event);
        }
        return event.getId();
    }

    /**
     * Records a call refused before the policy was consulted — an identity that holds but may not act (revoked,
     * suspended, wrong IP, permission missing), a malformed message, a failed token exchange or SigV4 signature for a
     * known key. Refusals of unknown identities go to {@link UnattributedRefusals} instead (no unbounded rows); refusals
     * that prove nothing about the caller are throttled ({@link UnprovenRefusals}). Returns the event id, or -1 when
     * throttled or when the audit could not be written (logged: the request is refused all the same).
     */
    public long refused(CallContext caller, String action, ReasonCode reason, String detail) {
        if (reason.provesNothingAboutTheCaller() && !unproven.admit(caller.keyId(), reason.code(), caller.clientIp())) {
            return -1;
        }
        String recorded = reason.provesNothingAboutTheCaller()
                ? detail + " (at most one such event a minute per key, reason and address)" : detail;
        try {
            return begin(caller, action, null, new Decision(List.of(new Reason(reason, recorded)), null), null);
        } catch (RuntimeException e) {
            // the request is refused either way; an audit that cannot be written must not turn the refusal into a 500
            LOG.log(Level.WARNING, "refusal of request " + caller.requestId() + " (" + reason.code() + ") not audited", e);
            return -1;
        }
    }

    public void sent(long id, String messageId, long latencyMillis) {
        CallEvent event = attempt(id);
        event.sent(messageId, (int) Math.min(Integer.MAX_VALUE, latencyMillis));
        finish(event);
    }

    public void failed(long id, String error, long latencyMillis) {
        CallEvent event = attempt(id);
        event.failed(error, (int) Math.min(Integer.MAX_VALUE, latencyMillis));
        finish(event);
    }

    private void siem(CallEvent event) {
        log.log(() -> CallEventFormat.json(event).toString());
    }

    private CallEvent attempt(long id) {
        CallEvent event = writer.inFlight(id);
        return event != null ? event : em.find(CallEvent.class, id);
    }

    private void finish(CallEvent event) {
        writer.outcome(event);
        siem(event);
        metrics.count(event);
    }

    public CallEvent find(long id) {
        return em.find(CallEvent.class, id);
    }
}
