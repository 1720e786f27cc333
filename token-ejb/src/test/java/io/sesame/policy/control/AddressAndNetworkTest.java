package io.sesame.policy.control;

import io.sesame.platform.control.Cidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressAndNetworkTest {

    @Test
    void exact_address_domain_and_subdomain_patterns() {
        AddressPattern exact = AddressPattern.parse("noreply@Example.com");
        assertThat(exact.matches("noreply@example.COM")).isTrue();
        assertThat(exact.matches("NoReply@example.com")).isFalse(); // local parts are case-sensitive
        assertThat(exact.matches("other@example.com")).isFalse();

        AddressPattern domain = AddressPattern.parse("@example.org");
        assertThat(domain.matches("anyone@example.org")).isTrue();
        assertThat(domain.matches("anyone@mail.example.org")).isFalse();
        assertThat(domain.matches("anyone@badexample.org")).isFalse();

        AddressPattern subdomains = AddressPattern.parse("*.example.net");
        assertThat(subdomains.matches("a@mail.example.net")).isTrue();
        assertThat(subdomains.matches("a@example.net")).isFalse();
        assertThat(subdomains.matches("a@evilexample.net")).isFalse();
        assertThat(subdomains.toString()).isEqualTo("*.example.net");
        assertThatThrownBy(() -> AddressPattern.parse("@nodot")).hasMessageContaining("valid domain");
        assertThatThrownBy(() -> AddressPattern.parse("a b@c.com")).hasMessageContaining("not an address");
    }

    @Test
    void cidr_matching_for_ipv4_and_ipv6() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains("10.255.1.2")).isTrue();
        assertThat(ten.contains("11.0.0.1")).isFalse();
        assertThat(ten.contains("::ffff:10.0.0.1")).isTrue(); // mapped addresses parse as IPv4
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
        assertThat(Cidr.parse("10.1.2.3/16").contains("10.1.200.1")).isTrue(); // host bits are masked
        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertThat(v6.contains("2001:db8:1::5")).isTrue();
        assertThat(v6.contains("2001:db9::1")).isFalse();
        assertThat(v6.contains("10.0.0.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.1")).isTrue();
        assertThat(ten.contains("not-an-ip")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("not an IP address literal");
    }
}
