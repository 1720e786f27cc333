package io.sesame.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The URL a DPoP proof must name: what a forged Host header can and cannot do to it. */
class DpopTargetTest {

    @Test
    void the_request_url_is_scheme_host_and_the_raw_path() {
        assertThat(DpopRequests.requestUrl("http", "localhost:8080", "/api/v1/emails", null))
                .isEqualTo(URI.create("http://localhost:8080/api/v1/emails"));
        assertThat(DpopRequests.requestUrl("https", "sesame.example.com", "/api/v1/oauth/token", null))
                .isEqualTo(URI.create("https://sesame.example.com/api/v1/oauth/token"));
        assertThat(DpopRequests.requestUrl("http", "[::1]:8080", "/api/v1/x", null)).hasHost("[::1]").hasPort(8080);
        assertThat(DpopRequests.requestUrl("http", "127.0.0.1", "/api/v1/a%20b", null).getRawPath()).isEqualTo("/api/v1/a%20b");
    }

    @Test
    void a_host_header_that_could_move_the_path_query_or_fragment_gives_no_url() {
        for (String hostile : new String[] {"sesame.example.com#", "sesame.example.com?", "sesame.example.com/", "evil@sesame.example.com",
                "sesame.example.com:80:81", "sesame .example.com", "", "sesame.example.com\r\nX: y", "[::1", "host:99999999",
                "sesame.example.com%2f"}) {
            assertThat(DpopRequests.requestUrl("https", hostile, "/api/v1/emails", null)).as(hostile).isNull();
        }
        assertThat(DpopRequests.requestUrl("https", null, "/api/v1/emails", null)).isNull();
        assertThat(DpopRequests.requestUrl("https", "sesame.example.com", "api/v1/emails", null)).as("a path not from the root").isNull();
    }

    @Test
    void the_configured_public_base_wins_over_whatever_the_host_header_says() {
        URI base = URI.create("https://mail-gateway.example.com");
        assertThat(DpopRequests.requestUrl("http", "evil.example.com", "/api/v1/emails", base))
                .isEqualTo(URI.create("https://mail-gateway.example.com/api/v1/emails"));
        assertThat(DpopRequests.requestUrl("http", "sesame.example.com#", "/api/v1/emails", base))
                .isEqualTo(URI.create("https://mail-gateway.example.com/api/v1/emails"));
    }
}
