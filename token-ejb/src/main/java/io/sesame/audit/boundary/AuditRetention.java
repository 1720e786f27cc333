package io.sesame.audit.boundary;

import io.sesame.access.control.Actor;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.policy.control.Permission;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audit retention (sesame.audit.retention-days, default 400): once a day, and on an operator's request, removes
 * events sealed before the cutoff in batches, each leaving a signed checkpoint so the rest of the chain verifies.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @EJB
    AuditChain chain;

    @Inject
    AuditSettings auditSettings;

    /** The outcome of one retention run. */
    public record Outcome(Instant purgedBefore, int retentionDays, long callEvents, long lifecycleEvents, int checkpoints) {
    }

    @EJB
    JobLeases leases;

    @Schedule(hour = "3", minute = "41", persistent = false)
    public void daily() {
        if (!leases.holds("audit-retention", Duration.ofHours(23))) {
            return; // another instance runs it today
        }
        try {
            Outcome outcome = run(Instant.now(), Actor.system("retention"));
            if (outcome.checkpoints() > 0) {
                LOG.info(() -> "audit retention removed " + outcome.callEvents() + " call and " + outcome.lifecycleEvents()
                        + " lifecycle events sealed before " + outcome.purgedBefore());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit retention failed; it runs again tomorrow or on POST /api/v1/admin/audit/retention", e);
        }
    }

    public Outcome run(Instant now, Actor actor) {
        actor.require(Permission.MANAGE_MONITORING);
        int days = auditSettings.auditRetentionDays();
        Instant cutoff = now.minus(Duration.ofDays(days));
        long calls = 0;
        long lifecycle = 0;
        int checkpoints = 0;
        AuditChain.Purge purge;
        while ((purge = chain.purgeBatch(cutoff, actor.name())).checkpoint() != null) {
            calls += purge.callEvents();
            lifecycle += purge.lifecycleEvents();
            checkpoints++;
        }
        return new Outcome(cutoff, days, calls, lifecycle, checkpoints);
    }
}
