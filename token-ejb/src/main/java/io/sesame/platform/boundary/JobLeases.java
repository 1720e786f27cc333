package io.sesame.platform.boundary;

import io.sesame.platform.control.Leases;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.hibernate.Session;

/**
 * Lets a scheduled job run on one instance only when several share the database (see {@link Leases}). A job asks
 * before each run; on a single Payara Server it always gets the lease. Fails closed: if the lease cannot be taken
 * (database down), the job skips this run.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class.getName());

    /** This instance, as a lease holder: host name and a random id per start. */
    public static final String INSTANCE = host() + "/" + UUID.randomUUID().toString().substring(0, 8);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    Instance<MetricRegistry> metrics;

    /**
     * Whether this instance may run the job now. Each run granted counts in {@code sesame_job_runs_total{job}} of this
     * instance's /metrics, which is how an operator (and the cluster test) sees which instance runs what.
     */
    public boolean holds(String job, Duration ttl) {
        try {
            boolean held = em.unwrap(Session.class).doReturningWork(c -> Leases.tryAcquire(c, job, INSTANCE, Instant.now(), ttl));
            if (held && metrics.isResolvable()) {
                metrics.get().counter("sesame_job_runs", new Tag("job", job)).inc();
            }
            return held;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "lease for " + job + " not taken", e);
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "instance";
        }
    }
}
