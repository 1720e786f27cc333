package io.sesame.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodes_form_urlencoded_id_and_secret_per_rfc_6749() {
        assertThat(OAuthResource.basicCredentials(basic("abc:sesame_x%2By"))).get()
                .satisfies(c -> {
                    assertThat(c[0]).isEqualTo("abc");
                    assertThat(c[1]).isEqualTo("sesame_x+y");
                });
        assertThat(OAuthResource.basicCredentials(basic("no-colon"))).isEmpty();
        assertThat(OAuthResource.basicCredentials("Basic !!!")).isEmpty();
        assertThat(OAuthResource.basicCredentials("Bearer abc")).isEmpty();
        assertThat(OAuthResource.basicCredentials(null)).isEmpty();
    }
}
