package io.sesame.audit.boundary;

import io.sesame.audit.entity.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Metrics of finished calls (/metrics, application scope): {@code sesame_calls_total{action,decision,reason}},
 * {@code sesame_sends_total} (per key, {@code {key}}, only with {@code sesame.metrics.per-key=true}: key ids and their
 * volumes are for those who may read the audit, and /metrics is often scraped by many), {@code sesame_ses_latency{transport}}. Every series of a name carries the same tags,
 * as MicroProfile Metrics requires. Counters are looked up once per series, not per call (a registry lookup with tags
 * was ≈ 4 % of a send's CPU).
 */
@ApplicationScoped
public class CallMetrics {

    @Inject
    Instance<MetricRegistry> metrics;

    @Inject
    @ConfigProperty(name = "sesame.metrics.per-key", defaultValue = "false")
    boolean perKey;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public void count(CallEvent event) {
        if (!metrics.isResolvable()) {
            return;
        }
        String reason = event.getReasonCodes() == null ? "none" : event.getReasonCodes().split(",")[0];
        String decision = event.getDecision().name().toLowerCase();
        counters.computeIfAbsent("calls|" + event.getAction() + "|" + decision + "|" + reason,
                k -> metrics.get().counter("sesame_calls", new Tag("action", event.getAction()),
                        new Tag("decision", decision), new Tag("reason", reason))).inc();
        if (event.getDecision() == CallEvent.Decision.ALLOWED && event.getSesMessageId() != null) {
            if (perKey) {
                String key = String.valueOf(event.getKeyId());
                counters.computeIfAbsent("sends|" + key, k -> metrics.get().counter("sesame_sends", new Tag("key", key))).inc();
            } else {
                counters.computeIfAbsent("sends", k -> metrics.get().counter("sesame_sends")).inc();
            }
        }
        if (event.getLatencyMs() != null && event.getDecision() != CallEvent.Decision.DENIED) {
            String transport = String.valueOf(event.getTransport());
            timers.computeIfAbsent(transport, k -> metrics.get().timer("sesame_ses_latency", new Tag("transport", transport)))
                    .update(Duration.ofMillis(event.getLatencyMs()));
        }
    }
}
