package io.sesame.user.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void five_failures_are_free_then_the_lock_doubles_up_to_an_hour() {
        assertThat(LoginThrottle.lockAfter(4, now)).isNull();
        assertThat(LoginThrottle.lockAfter(5, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(LoginThrottle.lockAfter(6, now)).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(LoginThrottle.lockAfter(8, now)).isEqualTo(now.plus(Duration.ofMinutes(8)));
        assertThat(LoginThrottle.lockAfter(40, now)).isEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void locked_only_until_the_time() {
        assertThat(LoginThrottle.locked(now.plusSeconds(1), now)).isTrue();
        assertThat(LoginThrottle.locked(now, now)).isFalse();
        assertThat(LoginThrottle.locked(null, now)).isFalse();
    }

    @Test
    void new_passwords_must_be_long_and_not_the_user_name() {
        assertThat(LoginThrottle.weakness("alice", "short".toCharArray())).contains("12");
        assertThat(LoginThrottle.weakness("alice", "xxALICExx-long-enough".toCharArray())).contains("user name");
        assertThat(LoginThrottle.weakness("alice", "correct horse battery".toCharArray())).isNull();
    }
}
