package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generated_keys_have_prefix_length_and_a_valid_checksum() {
        ApiKeySecret key = ApiKeyFormat.generate(random);
        assertThat(key.reveal()).startsWith("sesame_").hasSize(ApiKeyFormat.LENGTH).hasSize(53);
        assertThat(key.reveal().substring(7, 19)).isEqualTo(key.keyId());
        assertThat(ApiKeyFormat.parse(key.reveal())).isEqualTo(key);
        assertThat(ApiKeyFormat.parse(key.reveal()).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void secret_part_carries_at_least_160_bits() {
        double bits = ApiKeyFormat.SECRET_LENGTH * (Math.log(62) / Math.log(2));
        assertThat(bits).isGreaterThanOrEqualTo(160.0);
    }

    @Test
    void keys_do_not_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiKeyFormat.generate(random).reveal())).isTrue();
        }
    }

    @Test
    void every_single_character_typo_is_caught_by_the_checksum() {
        String key = ApiKeyFormat.generate(random).reveal();
        for (int i = ApiKeyFormat.PREFIX.length(); i < key.length(); i++) {
            char replacement = key.charAt(i) == 'a' ? 'b' : 'a';
            String typo = key.substring(0, i) + replacement + key.substring(i + 1);
            assertThatThrownBy(() -> ApiKeyFormat.parse(typo)).as("typo at %d", i)
                    .isInstanceOf(MalformedApiKeyException.class).hasMessageContaining("checksum");
        }
    }

    @Test
    void swapped_neighbours_are_caught() {
        String key = ApiKeyFormat.generate(random).reveal();
        int i = 20;
        if (key.charAt(i) == key.charAt(i + 1)) {
            return; // nothing swapped
        }
        String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
        assertThatThrownBy(() -> ApiKeyFormat.parse(swapped)).isInstanceOf(MalformedApiKeyException.class);
    }

    @Test
    void malformed_keys_are_rejected_with_a_reason() {
        String key = ApiKeyFormat.generate(random).reveal();
        assertThatThrownBy(() -> ApiKeyFormat.parse(null)).hasMessage("no API key given");
        assertThatThrownBy(() -> ApiKeyFormat.parse("")).hasMessage("no API key given");
        assertThatThrownBy(() -> ApiKeyFormat.parse("ghp_" + key.substring(7))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ApiKeyFormat.parse(key + "x")).hasMessageContaining("wrong length");
        assertThatThrownBy(() -> ApiKeyFormat.parse(key.substring(0, 52))).hasMessageContaining("wrong length");
        assertThatThrownBy(() -> ApiKeyFormat.parse(key.substring(0, 30) + "-" + key.substring(31)))
                .hasMessageContaining("invalid characters");
    }

    @Test
    void to_string_never_shows_the_secret() {
        ApiKeySecret key = ApiKeyFormat.generate(random);
        assertThat(key.toString()).contains(key.keyId()).doesNotContain(key.reveal());
    }
}
