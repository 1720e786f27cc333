package io.sesame.policy.control;

import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Per-key rate limits (messages per second; a message without recipients counts as one): one {@link TokenBucket}
 * state per key in a {@link ConcurrentMap}, changed only by compare-and-set ({@code putIfAbsent}/{@code replace}),
 * never by a blind write. The map is a local one on a single instance and the data grid's map in a cluster, where
 * each compare-and-set runs atomically on the entry's owner: N instances share one bucket per key, not N buckets.
 * (Entry processors would save a round trip, but a processor's class must be loadable by the grid on every member,
 * which Payara's embedded grid does not guarantee for application classes.)
 */
public final class RateLimiter {

    /** Beyond this many lost races in one call, refuse (fail closed) rather than spin. */
    static final int MAX_ATTEMPTS = 64;

    private final ConcurrentMap<String, Long> fullAt;
    private final LongSupplier nanoClock;

    /**
     * @param nanoClock nanoseconds on a clock that every user of {@code store} shares (a monotonic clock for a local
     *                  map; epoch nanoseconds for a map shared between machines)
     */
    public RateLimiter(ConcurrentMap<String, Long> store, LongSupplier nanoClock) {
        this.fullAt = store;
        this.nanoClock = nanoClock;
    }

    /** @return 0 when allowed (and counted), else nanoseconds until it would be */
    public long acquire(String keyId, double ratePerSecond, int messages) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long now = nanoClock.getAsLong();
            Long state = fullAt.get(keyId);
            TokenBucket.Take take = TokenBucket.take(state == null ? now : state, now, ratePerSecond, messages);
            if (!take.taken()) {
                return take.waitNanos();
            }
            boolean swapped = state == null
                    ? fullAt.putIfAbsent(keyId, take.fullAt()) == null
                    : fullAt.replace(keyId, state, take.fullAt());
            if (swapped) {
                return 0;
            }
        }
        return (long) Math.ceil(1e9 / ratePerSecond);
    }

    public long peek(String keyId, double ratePerSecond, int messages) {
        long now = nanoClock.getAsLong();
        Long state = fullAt.get(keyId);
        return TokenBucket.peek(state == null ? now : state, now, ratePerSecond, messages);
    }
}
