package io.sesame.audit.boundary;

import io.sesame.audit.entity.LifecycleEvent;
import jakarta.ejb.Stateless;
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

    private static final Logger LOG = Logger.getLogger("io.sesame.audit");

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public LifecycleEvent record(String actor, String action, String targetType, String targetId, String detail,
                                 String sourceIp, String requestId) {
        LifecycleEvent event = new LifecycleEvent(clock.instant(), actor, action, targetType, targetId, detail,
                sourceIp, requestId);
        em.persist(event);
        LOG.fine(() -> "lifecycle " + action + " " + targetType + "/" + targetId + " by " + actor);
        return event;
    }
}
