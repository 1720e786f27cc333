package io.sesame.cluster.control;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an instance has seen once, each for its own time (a signed request, for as long as its signature is valid):
 * bounded, and honest when full — it answers {@link Sighting#FULL} rather than forgetting an entry early, because a
 * forgotten signature could be replayed.
 */
public final class SeenOnce {

    public enum Sighting { FIRST, REPEATED, FULL }

    private final int max;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    /** When expired entries were last swept: at most once a second, so a flood at capacity costs no full scan per request. */
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);

    public SeenOnce(int max) {
        this.max = max;
    }

    public Sighting see(String id, Duration ttl, long nowMillis) {
        Long seen = expiries.get(id);
        if (seen != null && seen > nowMillis) {
            return Sighting.REPEATED;
        }
        if (expiries.size() >= max) {
            long last = lastSweep.get();
            if (nowMillis - last >= 1000 && lastSweep.compareAndSet(last, nowMillis)) {
                expiries.values().removeIf(expiry -> expiry <= nowMillis);
            }
            if (expiries.size() >= max) {
                return Sighting.FULL;
            }
        }
        long expires = nowMillis + ttl.toMillis();
        boolean[] first = {false};
        expiries.compute(id, (key, expiry) -> {
            if (expiry == null || expiry <= nowMillis) {
                first[0] = true;
                return expires;
            }
            return expiry;
        });
        return first[0] ? Sighting.FIRST : Sighting.REPEATED;
    }

    int size() {
        return expiries.size();
    }
}
