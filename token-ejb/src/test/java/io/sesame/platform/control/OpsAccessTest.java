package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpsAccessTest {

    private static final String TOKEN = "ops-token-0123456789abcdefghij";

    @Test
    void the_networks_admit_their_addresses_only() {
        OpsAccess access = OpsAccess.of("127.0.0.0/8, ::1, 10.1.0.0/16", null);
        assertThat(access.admits("127.0.0.1", null)).isTrue();
        assertThat(access.admits("::1", null)).isTrue();
        assertThat(access.admits("10.1.200.3", null)).isTrue();
        assertThat(access.admits("10.2.0.1", null)).isFalse();
        assertThat(access.admits("203.0.113.9", null)).isFalse();
        assertThat(access.admits(null, null)).isFalse();
        assertThat(access.admits("not-an-address", null)).isFalse();
    }

    @Test
    void the_token_admits_from_anywhere_and_nothing_else_does() {
        OpsAccess access = OpsAccess.of("127.0.0.1", TOKEN);
        assertThat(access.admits("203.0.113.9", "Bearer " + TOKEN)).isTrue();
        assertThat(access.admits("203.0.113.9", "bearer " + TOKEN)).as("scheme case-insensitive").isTrue();
        assertThat(access.admits("203.0.113.9", "Bearer " + TOKEN + "x")).isFalse();
        assertThat(access.admits("203.0.113.9", "Bearer " + TOKEN.substring(1))).isFalse();
        assertThat(access.admits("203.0.113.9", "Basic " + TOKEN)).isFalse();
        assertThat(access.admits("203.0.113.9", "Bearer ")).isFalse();
        assertThat(access.admits("203.0.113.9", TOKEN)).isFalse();
        assertThat(access.admits("203.0.113.9", null)).isFalse();
    }

    @Test
    void without_a_token_no_bearer_admits_and_nobody_admits_no_one() {
        assertThat(OpsAccess.of("127.0.0.1", " ").admits("203.0.113.9", "Bearer ")).isFalse();
        assertThat(OpsAccess.of("", null).admits("127.0.0.1", "Bearer " + TOKEN)).isFalse();
        assertThat(OpsAccess.of("none", TOKEN).admits("127.0.0.1", null)).as("networks off: the token only").isFalse();
        assertThat(OpsAccess.of("None", TOKEN).admits("127.0.0.1", "Bearer " + TOKEN)).isTrue();
        assertThat(OpsAccess.nobody().admits("127.0.0.1", "Bearer " + TOKEN)).isFalse();
    }

    @Test
    void unreadable_settings_are_named() {
        assertThatThrownBy(() -> OpsAccess.of("127.0.0.1,example.com", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com");
        assertThatThrownBy(() -> OpsAccess.of("127.0.0.1", "short")).hasMessageContaining("at least 24");
    }
}
