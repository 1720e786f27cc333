package io.sesame.sts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialLifetimeTest {

    private final Instant now = Instant.parse("2026-11-28T12:00:00Z");
    private final Instant farExpiry = now.plus(Duration.ofDays(30));

    @Test
    void the_request_is_clamped_to_sts_bounds_and_the_policy_maximum() {
        assertThat(CredentialLifetime.seconds(null, null, now, farExpiry)).isEqualTo(3600);
        assertThat(CredentialLifetime.seconds(60, null, now, farExpiry)).isEqualTo(900);
        assertThat(CredentialLifetime.seconds(100_000, null, now, farExpiry)).isEqualTo(43_200);
        assertThat(CredentialLifetime.seconds(7200, 1800, now, farExpiry)).isEqualTo(1800);
    }

    @Test
    void credentials_never_outlive_the_key() {
        assertThat(CredentialLifetime.seconds(7200, null, now, now.plusSeconds(1000))).isEqualTo(1000);
        assertThatThrownBy(() -> CredentialLifetime.seconds(900, null, now, now.plusSeconds(899)))
                .hasMessageContaining("expires in 899 s");
    }
}
