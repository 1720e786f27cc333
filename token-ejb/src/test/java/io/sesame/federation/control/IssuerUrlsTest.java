package io.sesame.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IssuerUrlsTest {

    @Test
    void https_issuers_pass_and_everything_a_retriever_could_misuse_is_refused() {
        IssuerUrls strict = new IssuerUrls(false);
        assertThat(strict.check("https://token.actions.githubusercontent.com", true)).hasHost("token.actions.githubusercontent.com");
        assertThat(strict.check("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", true)).hasPath("/id/ABC");
        assertThat(strict.check("https://example.com/keys?x=1", false)).hasQuery("x=1");
        for (String bad : new String[] {"http://example.com", "file:///etc/passwd", "jar:file:/x!/y", "ftp://example.com",
                "https://user:pw@example.com", "https://example.com#x", "https://", "/relative", "https://exa mple.com",
                "https://example.com/\u00e9", "http://127.0.0.1:9000", "https://example.com/" + "a".repeat(IssuerUrls.MAX_LENGTH), ""}) {
            assertThatThrownBy(() -> strict.check(bad, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> strict.check("https://example.com?x=1", true)).hasMessageContaining("query");
        assertThatThrownBy(() -> strict.check(null, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plain_http_only_to_loopback_and_only_when_allowed() {
        IssuerUrls tests = new IssuerUrls(true);
        assertThat(tests.check("http://127.0.0.1:9000", true)).hasPort(9000);
        assertThat(tests.check("http://localhost:9000/x", true)).hasHost("localhost");
        assertThat(tests.check("http://[::1]:9000", true)).hasPort(9000);
        for (String bad : new String[] {"http://10.0.0.1", "http://169.254.169.254/latest", "http://example.com",
                "http://127.0.0.1.nip.io", "http://localhost.example.com"}) {
            assertThatThrownBy(() -> tests.check(bad, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
