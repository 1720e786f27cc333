package io.sesame.audit.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnprovenRefusalsTest {

    @Test
    void one_row_a_minute_per_key_reason_and_address_and_a_cap_per_key_whatever_the_addresses() {
        UnprovenRefusals refusals = new UnprovenRefusals();
        assertThat(refusals.admit("K1", "credentials_invalid", "10.0.0.1")).isTrue();
        assertThat(refusals.admit("K1", "credentials_invalid", "10.0.0.1")).isFalse();
        assertThat(refusals.admit("K1", "signature_invalid", "10.0.0.1")).as("another reason").isTrue();
        assertThat(refusals.admit("K2", "credentials_invalid", "10.0.0.1")).as("another key").isTrue();
        int admitted = 1;
        for (int i = 2; i < 100; i++) {
            admitted += refusals.admit("K1", "credentials_invalid", "10.0.0." + i) ? 1 : 0;
        }
        assertThat(admitted).as("many addresses still give at most the per-key cap").isEqualTo(UnprovenRefusals.PER_KEY_PER_MINUTE);
    }

    @Test
    void an_ipv6_host_rotating_through_its_64_counts_once() {
        assertThat(UnprovenRefusals.network("2001:db8:1:2::5")).isEqualTo(UnprovenRefusals.network("2001:db8:1:2:ffff::9"));
        assertThat(UnprovenRefusals.network("2001:db8:1:2::5")).isNotEqualTo(UnprovenRefusals.network("2001:db8:1:3::5"));
        assertThat(UnprovenRefusals.network("192.0.2.1")).isEqualTo("192.0.2.1");
        UnprovenRefusals refusals = new UnprovenRefusals();
        assertThat(refusals.admit("K", "signature_invalid", "2001:db8:1:2::5")).isTrue();
        assertThat(refusals.admit("K", "signature_invalid", "2001:db8:1:2::6")).isFalse();
    }
}
