package io.sesame.audit.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Refusals that name an existing key without proving its possession — a wrong secret for a key id (key ids are public,
 * and a key's checksum can be computed), a SigV4 signature that does not verify. They are audited against the key, since
 * that is probing; but an outsider must not be able to write rows without bound or drown the key's own trail, so at
 * most one row per key, reason and client address a minute; the rest are counted in
 * {@code sesame_refusals_throttled_total{reason}}.
 */
@ApplicationScoped
public class UnprovenRefusals {

    @Inject
    Instance<MetricRegistry> metrics;

    private final Cache<String, Boolean> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    /** Whether this refusal gets a call event (true once a minute per key, reason and address). */
    public boolean admit(String keyId, String reason, String clientIp) {
        boolean first = recent.asMap().putIfAbsent(keyId + '|' + reason + '|' + clientIp, Boolean.TRUE) == null;
        if (!first && metrics.isResolvable()) {
            metrics.get().counter("sesame_refusals_throttled", new Tag("reason", reason)).inc();
        }
        return first;
    }
}
