package io.sesame.policy.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-key rate limits (messages per second, each recipient-less message counts as one message). One bucket per
 * key; a changed rate replaces the bucket. Per instance: the cluster-wide variant shares the buckets.
 */
public final class RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @return 0 when allowed (and counted), else nanoseconds until it would be */
    public long acquire(String keyId, double ratePerSecond, int messages) {
        return bucket(keyId, ratePerSecond).tryAcquire(messages, nanoClock.getAsLong());
    }

    public long peek(String keyId, double ratePerSecond, int messages) {
        return bucket(keyId, ratePerSecond).peek(messages, nanoClock.getAsLong());
    }

    private TokenBucket bucket(String keyId, double ratePerSecond) {
        return buckets.compute(keyId, (id, existing) -> existing != null && existing.ratePerSecond() == ratePerSecond
                ? existing : new TokenBucket(ratePerSecond, nanoClock.getAsLong()));
    }

    public void forget(String keyId) {
        buckets.remove(keyId);
    }
}
