package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    @Test
    void ipv4_is_itself_and_ipv6_is_its_64() {
        assertThat(ClientNetworks.of("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientNetworks.of("2001:db8:1:2::1")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientNetworks.of("2001:db8:1:2:ffff:ffff:ffff:ffff")).as("same /64").isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientNetworks.of("2001:db8:1:3::1")).as("next /64").isEqualTo("2001:0db8:0001:0003::/64");
        assertThat(ClientNetworks.of(null)).isEqualTo("null");
        assertThat(ClientNetworks.of("not:an address")).isEqualTo("not:an address");
    }
}
