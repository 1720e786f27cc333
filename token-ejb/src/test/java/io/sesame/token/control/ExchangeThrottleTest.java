package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExchangeThrottleTest {

    private final Instant t0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void an_address_guessing_one_keys_secret_is_blocked_until_its_oldest_failure_slides_out() {
        ExchangeThrottle throttle = new ExchangeThrottle(30, 3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("203.0.113.9", "KEY", t0.plusSeconds(i))).isZero();
            throttle.failed("203.0.113.9", "KEY", t0.plusSeconds(i));
        }
        assertThat(throttle.blockedFor("203.0.113.9", "KEY", t0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(50));
        assertThat(throttle.blockedFor("203.0.113.9", "OTHER", t0.plusSeconds(10))).as("another key from there").isZero();
        assertThat(throttle.blockedFor("198.51.100.7", "KEY", t0.plusSeconds(10))).as("the owner elsewhere").isZero();
        assertThat(throttle.blockedFor("203.0.113.9", "KEY", t0.plusSeconds(60))).as("the first failure slid out").isZero();
    }

    @Test
    void an_address_spraying_many_keys_is_blocked_for_all_of_them() {
        ExchangeThrottle throttle = new ExchangeThrottle(5, 3, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            throttle.failed("203.0.113.9", "KEY" + i, t0);
        }
        throttle.failed("203.0.113.9", null, t0); // a malformed key counts against the address only
        assertThat(throttle.blockedFor("203.0.113.9", "FRESH", t0.plusSeconds(1))).isPositive();
        assertThat(throttle.blockedFor("203.0.113.9", null, t0.plusSeconds(1))).isPositive();
        assertThat(throttle.blockedFor("198.51.100.7", "FRESH", t0.plusSeconds(1))).isZero();
        assertThatThrownBy(() -> new ExchangeThrottle(0, 1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rotating_through_an_ipv6_64_is_one_address() {
        ExchangeThrottle throttle = new ExchangeThrottle(30, 3, Duration.ofMinutes(1));
        for (int i = 1; i <= 3; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i), "KEY", t0);
        }
        assertThat(throttle.blockedFor("2001:db8:1:2::ffff", "KEY", t0.plusSeconds(1))).as("same /64").isPositive();
        assertThat(throttle.blockedFor("2001:db8:1:3::1", "KEY", t0.plusSeconds(1))).as("another /64").isZero();
    }
}
