package io.sesame.audit.boundary;

import io.sesame.audit.control.LogBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Refusals that name no known key (a forged or garbled token, an unknown key id, a body refused before anyone was
 * authenticated): counted in {@code sesame_unattributed_refusals_total{door,reason}} and logged at most once a minute
 * per door, never written as call events — an anonymous flood must not grow the audit tables without bound.
 */
@ApplicationScoped
public class UnattributedRefusals {

    private static final Logger LOG = Logger.getLogger(UnattributedRefusals.class.getName());

    @Inject
    Instance<MetricRegistry> metrics;

    private final java.util.Map<String, LogBudget> budgets = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param door   where it was refused: {@code bearer}, {@code oauth}, {@code sigv4}, {@code body} (a fixed, small set)
     * @param reason a reason code
     */
    public void record(String door, String reason, String clientIp, String detail) {
        if (metrics.isResolvable()) {
            metrics.get().counter("sesame_unattributed_refusals", new Tag("door", door), new Tag("reason", reason)).inc();
        }
        budgets.computeIfAbsent(door, d -> new LogBudget(Duration.ofMinutes(1))).tryLog(System.nanoTime(), suppressed ->
                LOG.warning(() -> "Refused a request from an unknown identity at " + door + " (" + reason + ") from " + clientIp
                        + ": " + detail + (suppressed > 0 ? "; " + suppressed + " more such refusals since the last line" : "")));
    }
}
