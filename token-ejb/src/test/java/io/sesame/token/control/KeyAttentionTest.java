package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.token.entity.KeyStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyAttentionTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void expiring_and_unused_follow_the_configured_thresholds() {
        KeyAttention attention = new KeyAttention(14, 30);
        assertThat(attention.expiringSoon(NOW.plus(Duration.ofDays(13)), NOW)).isTrue();
        assertThat(attention.expiringSoon(NOW.plus(Duration.ofDays(15)), NOW)).isFalse();
        assertThat(attention.unused(null, NOW)).as("never used").isTrue();
        assertThat(attention.unused(NOW.minus(Duration.ofDays(31)), NOW)).isTrue();
        assertThat(attention.unused(NOW.minus(Duration.ofDays(29)), NOW)).isFalse();
        assertThat(new KeyAttention(7, 90).expiringSoon(NOW.plus(Duration.ofDays(10)), NOW)).isFalse();
    }

    @Test
    void live_means_usable_now_and_not_ended_includes_suspended() {
        assertThat(KeyStatus.LIVE).containsExactlyInAnyOrder(KeyStatus.ACTIVE, KeyStatus.ROTATED_IN_GRACE);
        assertThat(KeyStatus.NOT_ENDED).containsAll(KeyStatus.LIVE).contains(KeyStatus.SUSPENDED)
                .doesNotContain(KeyStatus.REVOKED, KeyStatus.EXPIRED);
        assertThat(KeyStatus.SUSPENDED.isLive()).isFalse();
        assertThat(KeyStatus.ROTATED_IN_GRACE.isLive()).isTrue();
    }
}
