package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

    private static final String PEPPER = "0123456789abcdef0123456789abcdef";
    private final SecureRandom random = new SecureRandom();

    @Test
    void hash_is_hmac_sha256_hex_and_matches_only_the_same_key() {
        KeyHasher hasher = new KeyHasher(PEPPER);
        ApiKeySecret key = ApiKeyFormat.generate(random);
        String stored = hasher.hash(key);
        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(key.keyId());
        assertThat(hasher.matches(key, stored)).isTrue();
        assertThat(hasher.matches(ApiKeyFormat.generate(random), stored)).isFalse();
        assertThat(hasher.matches(key, null)).isFalse();
    }

    @Test
    void known_answer_computed_independently() {
        // python3: hmac.new(b'0123456789abcdef0123456789abcdef', b'sesame_known_answer', hashlib.sha256).hexdigest()
        assertThat(new KeyHasher(PEPPER).hash("sesame_known_answer"))
                .isEqualTo("3a47e8a82d8841bcd9b15ddfe8adfcb6ee6483fd8de6d52a43fc7bd045300e6f");
    }

    @Test
    void a_different_pepper_gives_a_different_hash() {
        ApiKeySecret key = ApiKeyFormat.generate(random);
        String a = new KeyHasher(PEPPER).hash(key);
        String b = new KeyHasher(PEPPER + "x").hash(key);
        assertThat(a).isNotEqualTo(b);
        assertThat(new KeyHasher(PEPPER + "x").matches(key, a)).isFalse();
    }

    @Test
    void a_short_or_missing_pepper_is_refused() {
        assertThatThrownBy(() -> new KeyHasher((String) null)).hasMessageContaining("SESAME_TOKEN_PEPPER");
        assertThatThrownBy(() -> new KeyHasher("too-short")).hasMessageContaining("at least 32 bytes");
    }
}
