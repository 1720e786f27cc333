package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpsRedirectTest {

    private final HttpsRedirect redirect = new HttpsRedirect(8443);

    @Test
    void plain_http_from_a_remote_client_goes_to_https_with_path_and_query() {
        assertThat(redirect.location(false, "203.0.113.9", "sesame.example.com", "/admin/login.xhtml?x=%20y"))
                .contains("https://sesame.example.com:8443/admin/login.xhtml?x=%20y");
        assertThat(new HttpsRedirect(443).location(false, "203.0.113.9", "sesame.example.com", "/api/v1"))
                .contains("https://sesame.example.com/api/v1");
        assertThat(redirect.location(false, "2001:db8::1", "[2001:db8::5]", "/")).contains("https://[2001:db8::5]:8443/");
    }

    @Test
    void https_loopback_and_off_are_left_alone() {
        assertThat(redirect.location(true, "203.0.113.9", "sesame.example.com", "/")).isEmpty();
        assertThat(redirect.location(false, "127.0.0.1", "localhost", "/")).as("local tools").isEmpty();
        assertThat(redirect.location(false, "::1", "localhost", "/")).isEmpty();
        assertThat(new HttpsRedirect(0).location(false, "203.0.113.9", "sesame.example.com", "/")).isEmpty();
        assertThatThrownBy(() -> new HttpsRedirect(70000)).hasMessageContaining("https-redirect-port");
    }

    @Test
    void a_host_or_path_that_could_steer_the_location_is_not_followed() {
        assertThat(redirect.location(false, "203.0.113.9", "evil.example/x", "/")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", "a\r\nSet-Cookie: x", "/")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", "user@evil.example", "/")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", "sesame.example.com", "//evil.example/")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", "sesame.example.com", "/a b")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", "sesame.example.com", "/\u00e9")).isEmpty();
        assertThat(redirect.location(false, "203.0.113.9", null, "/")).isEmpty();
    }
}
