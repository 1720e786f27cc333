package io.sesame.audit.boundary;

import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.boundary.AfterCompletion;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;

/**
 * Records lifecycle events. Mandatory transaction: the event commits with the change it describes, or
 * neither does.
 */
@Stateless
public class LifecycleAudit {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /** One JSON line per committed event, for a SIEM; the database stays the source of truth. */
    @Inject
    AuditLog log;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public LifecycleEvent record(String actor, String action, String targetType, String targetId, String detail,
                                 String sourceIp, String requestId) {
        LifecycleEvent event = new LifecycleEvent(clock.instant(), actor, action, targetType, targetId, detail,
                sourceIp, requestId);
        em.persist(event);
        String line = line(event);
        AfterCompletion.run(transactions, committed -> {
            if (committed) { // a change that rolled back never happened: no line for it
                log.log(() -> line);
            }
        });
        return event;
    }

    private static String line(LifecycleEvent event) {
        var json = Json.createObjectBuilder().add("type", "lifecycle").add("occurredAt", event.getOccurredAt().toString())
                .add("actor", event.getActor()).add("action", event.getAction()).add("targetType", event.getTargetType());
        if (event.getTargetId() != null) {
            json.add("targetId", event.getTargetId());
        }
        if (event.getDetail() != null) {
            json.add("detail", event.getDetail());
        }
        if (event.getSourceIp() != null) {
            json.add("sourceIp", event.getSourceIp());
        }
        return json.build().toString();
    }
}
