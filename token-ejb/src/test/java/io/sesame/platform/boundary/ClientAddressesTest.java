package io.sesame.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The servlet side of the client-address rules: which header is read, and when HTTPS is believed (HSTS). */
class ClientAddressesTest {

    private static ClientAddresses settings(String proxies, String header) {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trustedProxiesSetting = proxies;
        addresses.headerSetting = header;
        return addresses;
    }

    /** A request from {@code peer} with these headers (each header name to its values, in order). */
    private static HttpServletRequest request(String peer, boolean secure, Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> secure;
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void https_is_believed_from_the_connection_or_from_a_trusted_proxys_own_word_only() {
        ClientAddresses xff = settings("10.0.0.0/8", "X-Forwarded-For");
        assertThat(xff.isHttps(request("198.51.100.7", true, Map.of()))).as("TLS to Sesame itself").isTrue();
        assertThat(xff.isHttps(request("198.51.100.7", false, Map.of("X-Forwarded-Proto", List.of("https"))))).as("a client's claim").isFalse();
        assertThat(xff.isHttps(request("10.0.0.1", false, Map.of("X-Forwarded-Proto", List.of("https"))))).isTrue();
        assertThat(xff.isHttps(request("10.0.0.1", false, Map.of("X-Forwarded-Proto", List.of("https, http"))))).as("the nearest proxy's value").isFalse();
        assertThat(xff.isHttps(request("10.0.0.1", false, Map.of()))).isFalse();

        ClientAddresses forwarded = settings("10.0.0.0/8", "Forwarded");
        assertThat(forwarded.isHttps(request("10.0.0.1", false, Map.of("Forwarded", List.of("for=1.2.3.4;proto=http", "for=198.51.100.7;proto=https")))))
                .as("the last element of the last header").isTrue();
        assertThat(forwarded.isHttps(request("10.0.0.1", false, Map.of("Forwarded", List.of("for=198.51.100.7;proto=http, for=10.0.0.9;proto=\"https\"")))))
                .isTrue();
        assertThat(forwarded.isHttps(request("10.0.0.1", false, Map.of("X-Forwarded-Proto", List.of("https"))))).as("only the configured header").isFalse();
        assertThat(settings(" ", "X-Forwarded-For").isHttps(request("10.0.0.1", false, Map.of("X-Forwarded-Proto", List.of("https")))))
                .as("no trusted proxy").isFalse();
    }

    @Test
    void the_client_is_read_from_the_configured_header_only_and_bad_settings_trust_no_one() {
        ClientAddresses forwarded = settings("10.0.0.0/8", "Forwarded");
        Map<String, List<String>> both = Map.of("Forwarded", List.of("for=198.51.100.7"), "X-Forwarded-For", List.of("203.0.113.9"));
        assertThat(forwarded.of(request("10.0.0.1", false, both))).isEqualTo("198.51.100.7");
        assertThat(settings("10.0.0.0/8", "X-Forwarded-For").of(request("10.0.0.1", false, both))).isEqualTo("203.0.113.9");

        ClientAddresses broken = settings("10.0.0.0/8, not-a-network", "X-Forwarded-For");
        assertThat(broken.problem()).contains("sesame.http.trusted-proxies");
        assertThat(broken.of(request("10.0.0.1", false, both))).as("fail closed: the peer").isEqualTo("10.0.0.1");
        assertThat(settings("10.0.0.0/8", "X-Real-IP").problem()).contains("X-Forwarded-For or Forwarded");
    }
}
