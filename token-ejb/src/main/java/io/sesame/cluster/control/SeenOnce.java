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

    public SeenOnce(int max) {
        this.max = max;
    }

    public Sighting see(String id, Duration ttl, long nowMillis) {
        Long seen = expiries.get(id);
        if (seen != null && seen > nowMillis) {
            return Sighting.REPEATED;
        }
        if (expiries.size() >= max) {
            expiries.values().removeIf(expiry -> expiry <= nowMillis);
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
