package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptWindowTest {

    private final Instant t0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void an_address_over_its_limit_waits_for_the_window_to_slide() {
        AttemptWindow window = new AttemptWindow(3, Duration.ofMinutes(10));
        assertThat(window.tryAttempt("10.0.0.1", t0)).isTrue();
        assertThat(window.tryAttempt("10.0.0.1", t0.plusSeconds(1))).isTrue();
        assertThat(window.tryAttempt("10.0.0.1", t0.plusSeconds(2))).isTrue();
        assertThat(window.tryAttempt("10.0.0.1", t0.plusSeconds(3))).isFalse();
        assertThat(window.tryAttempt("10.0.0.2", t0.plusSeconds(3))).as("other addresses are not affected").isTrue();
        assertThat(window.tryAttempt("10.0.0.1", t0.plus(Duration.ofMinutes(10)).plusSeconds(1))).as("the first attempt slid out").isTrue();
    }

    @Test
    void idle_sources_are_forgotten() {
        AttemptWindow window = new AttemptWindow(3, Duration.ofMinutes(1));
        window.tryAttempt("a", t0);
        window.tryAttempt("b", t0.plusSeconds(50));
        window.prune(t0.plusSeconds(70));
        assertThat(window.sources()).isEqualTo(1);
    }
}
