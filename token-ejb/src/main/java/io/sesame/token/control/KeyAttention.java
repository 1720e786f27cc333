package io.sesame.token.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When a live key needs an administrator's attention — expiring soon, or unused — with one source for the thresholds
 * (hygiene's configuration: the earliest expiry warning and {@code sesame.keys.unused-flag-days}), so the dashboard, the
 * key list and the hygiene job agree.
 */
public record KeyAttention(int expiringWithinDays, int unusedForDays) {

    public boolean expiringSoon(Instant expiresAt, Instant now) {
        return expiresAt != null && expiresAt.isBefore(now.plus(Duration.ofDays(expiringWithinDays)));
    }

    /** Never used, or not since the threshold. */
    public boolean unused(Instant lastUsedAt, Instant now) {
        return lastUsedAt == null || lastUsedAt.isBefore(now.minus(Duration.ofDays(unusedForDays)));
    }
}
