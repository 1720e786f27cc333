package io.sesame.audit.boundary;

import io.sesame.audit.entity.LifecycleEvent;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Records lifecycle events. Mandatory transaction: the event commits with the change it describes, or
 * neither does.
 */
@Stateless
public class LifecycleAudit {

    /** One JSON line per event, for a SIEM; the database stays the source of truth. */
    private static final Logger SIEM = Logger.getLogger("io.sesame.audit.events");

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public LifecycleEvent record(String actor, String action, String targetType, String targetId, String detail,
                                 String sourceIp, String requestId) {
        LifecycleEvent event = new LifecycleEvent(clock.instant(), actor, action, targetType, targetId, detail,
                sourceIp, requestId);
        em.persist(event);
        SIEM.info(() -> {
            var json = Json.createObjectBuilder().add("type", "lifecycle").add("occurredAt", event.getOccurredAt().toString())
                    .add("actor", actor).add("action", action).add("targetType", targetType);
            if (targetId != null) {
                json.add("targetId", targetId);
            }
            if (detail != null) {
                json.add("detail", detail);
            }
            if (sourceIp != null) {
                json.add("sourceIp", sourceIp);
            }
            return json.build().toString();
        });
        return event;
    }
}
