package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptWindowBoundTest {

    private final Instant t0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void a_spray_from_many_addresses_stays_bounded_and_keeps_the_persistent_one() {
        AttemptWindow window = new AttemptWindow(3, Duration.ofMinutes(10), 100, Runnable::run);
        // One address keeps trying (and is throttled) while a spray of one-off addresses goes by.
        for (int i = 0; i < 1_000; i++) {
            window.tryAttempt("10.0.0.1", t0.plusMillis(i));
            window.tryAttempt("192.0.2." + i, t0.plusMillis(i));
        }
        assertThat(window.sources()).isLessThanOrEqualTo(100);
        assertThat(window.tryAttempt("10.0.0.1", t0.plusSeconds(5))).as("still throttled: its window was not evicted").isFalse();
    }
}
