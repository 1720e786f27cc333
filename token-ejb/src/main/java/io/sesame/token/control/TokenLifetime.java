package io.sesame.token.control;

import java.time.Duration;
import java.time.Instant;

/** How long an access token lives: the key's policy TTL (or the default), never beyond 12 h, the key's expiry or its grace deadline. */
public final class TokenLifetime {

    public static final Duration MAXIMUM = Duration.ofHours(12);

    private TokenLifetime() {
    }

    /** @return the lifetime, or {@link Duration#ZERO} when no token can be issued any more */
    public static Duration of(Integer policyTtlSeconds, Duration defaultTtl, Instant now, Instant keyExpiresAt,
                              Instant graceUntil) {
        Duration ttl = policyTtlSeconds != null ? Duration.ofSeconds(policyTtlSeconds) : defaultTtl;
        ttl = min(ttl, MAXIMUM);
        ttl = min(ttl, Duration.between(now, keyExpiresAt));
        if (graceUntil != null) {
            ttl = min(ttl, Duration.between(now, graceUntil));
        }
        return ttl.isNegative() ? Duration.ZERO : ttl.withNanos(0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
