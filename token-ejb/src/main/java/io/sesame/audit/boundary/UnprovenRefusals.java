package io.sesame.audit.boundary;

import io.sesame.platform.control.ClientNetworks;
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

    /** At most this many such rows per key and reason a minute, whatever the addresses. */
    static final int PER_KEY_PER_MINUTE = 20;

    private final Cache<String, Boolean> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    private final Cache<String, java.util.concurrent.atomic.AtomicInteger> perKey = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    /**
     * Whether this refusal gets a call event: once a minute per key, reason and address (an IPv6 address counts by its
     * /64, which one host can rotate through), and at most {@link #PER_KEY_PER_MINUTE} a minute per key and reason.
     */
    public boolean admit(String keyId, String reason, String clientIp) {
        String keyReason = keyId + '|' + reason;
        boolean admitted = recent.asMap().putIfAbsent(keyReason + '|' + network(clientIp), Boolean.TRUE) == null
                && perKey.get(keyReason, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet() <= PER_KEY_PER_MINUTE;
        if (!admitted && metrics != null && metrics.isResolvable()) {
            metrics.get().counter("sesame_refusals_throttled", new Tag("reason", reason)).inc();
        }
        return admitted;
    }

    /** The address, or for IPv6 its /64 ({@link ClientNetworks}). */
    static String network(String clientIp) {
        return ClientNetworks.of(clientIp);
    }
}
