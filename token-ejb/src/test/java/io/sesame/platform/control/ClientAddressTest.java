package io.sesame.platform.control;

import static io.sesame.platform.control.ClientAddress.Header.FORWARDED;
import static io.sesame.platform.control.ClientAddress.Header.X_FORWARDED_FOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final List<Cidr> PROXIES = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1"), Cidr.parse("fd00::/8"));

    private static String resolve(String peer, String... xff) {
        return ClientAddress.resolve(peer, X_FORWARDED_FOR, List.of(xff), PROXIES);
    }

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        assertThat(ClientAddress.resolve("203.0.113.9", X_FORWARDED_FOR, List.of("198.51.100.1"), List.of())).isEqualTo("203.0.113.9");
        assertThat(resolve("203.0.113.9", "198.51.100.1")).as("an untrusted peer's header is the client's own claim").isEqualTo("203.0.113.9");
    }

    @Test
    void behind_a_trusted_proxy_the_right_most_untrusted_hop_wins_and_spoofed_left_entries_are_ignored() {
        assertThat(resolve("127.0.0.1", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "127.0.0.5, 198.51.100.7")).as("the client wrote 127.0.0.5 itself").isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "1.1.1.1, 198.51.100.7, 10.1.2.3")).as("two proxies").isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "1.1.1.1", "198.51.100.7")).as("two headers are one list").isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "10.9.9.9")).as("an internal caller through the proxy").isEqualTo("10.9.9.9");
        assertThat(resolve("127.0.0.1")).as("no header: the proxy itself calls").isEqualTo("127.0.0.1");
    }

    @Test
    void a_hop_that_is_not_an_address_is_unknown_never_the_proxy_behind_it() {
        assertThat(resolve("127.0.0.1", "unknown")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(resolve("127.0.0.1", "198.51.100.7, evil.example.com")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(resolve("127.0.0.1", "")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(resolve("127.0.0.1", "999.1.1.1")).as("not a literal (and never looked up)").isEqualTo(ClientAddress.UNKNOWN);
        assertThat(resolve("127.0.0.1", "x".repeat(10_000))).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(resolve("127.0.0.1", String.join(",", Collections.nCopies(40, "10.0.0.1")))).as("an endless proxy chain")
                .isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void ports_brackets_zones_and_mapped_addresses_are_normalised() {
        assertThat(resolve("127.0.0.1", "198.51.100.7:4711")).isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "[2001:db8::17]:4711")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(resolve("127.0.0.1", "2001:DB8::17")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(resolve("127.0.0.1", "::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(resolve("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(resolve("fd00::1", "198.51.100.7")).as("an IPv6 proxy").isEqualTo("198.51.100.7");
    }

    @Test
    void the_forwarded_header_is_read_by_its_for_parameter() {
        List<String> forwarded = List.of("for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\"", "for=10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.1", FORWARDED, forwarded, PROXIES)).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(ClientAddress.resolve("10.0.0.1", FORWARDED, List.of("for=_hidden"), PROXIES)).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.resolve("10.0.0.1", FORWARDED, List.of("proto=https"), PROXIES)).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void the_header_setting_names_what_it_accepts() {
        assertThat(ClientAddress.Header.parse("x-forwarded-for")).isEqualTo(X_FORWARDED_FOR);
        assertThat(ClientAddress.Header.parse("Forwarded")).isEqualTo(FORWARDED);
        assertThatThrownBy(() -> ClientAddress.Header.parse("X-Real-IP")).hasMessageContaining("X-Forwarded-For or Forwarded");
    }

    @Test
    void a_network_check_goes_only_by_what_the_request_reliably_says_about_its_client() {
        List<Cidr> proxies = List.of(Cidr.parse("10.0.0.5"));
        assertThat(ClientAddress.forNetworkCheck("127.0.0.1", "127.0.0.1", false, List.of())).as("a direct client").isEqualTo("127.0.0.1");
        assertThat(ClientAddress.forNetworkCheck("127.0.0.1", "127.0.0.1", true, List.of()))
                .as("forwarded by a proxy Sesame does not trust: its own address says nothing").isNull();
        assertThat(ClientAddress.forNetworkCheck("10.0.0.5", "203.0.113.9", true, proxies)).as("named by a trusted proxy").isEqualTo("203.0.113.9");
        assertThat(ClientAddress.forNetworkCheck("10.0.0.5", "10.0.0.5", false, proxies))
                .as("a trusted proxy that names no client is not an operator").isNull();
        assertThat(ClientAddress.forNetworkCheck("10.0.0.5", ClientAddress.UNKNOWN, true, proxies)).isNull();
        assertThat(ClientAddress.forNetworkCheck("0:0:0:0:0:0:0:1", "::1", false, List.of())).isEqualTo("::1");
    }
}
