package io.sesame.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Idempotency-Key header's form, checked before anything else happens to a send. */
class IdempotencyKeyFormTest {

    @Test
    void printable_ascii_up_to_255_characters_is_a_key_and_no_header_is_none() {
        assertThat(EmailResource.validIdempotencyKey(null)).isTrue();
        assertThat(EmailResource.validIdempotencyKey("a")).isTrue();
        assertThat(EmailResource.validIdempotencyKey("order-42:retry/1~!")).isTrue();
        assertThat(EmailResource.validIdempotencyKey("k".repeat(255))).isTrue();
    }

    @Test
    void empty_over_long_spaced_control_and_non_ascii_keys_are_refused() {
        assertThat(EmailResource.validIdempotencyKey("")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("k".repeat(256))).isFalse();
        assertThat(EmailResource.validIdempotencyKey("k".repeat(100_000))).isFalse();
        assertThat(EmailResource.validIdempotencyKey("two words")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("tab\there")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("line\nbreak")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("nul\u0000")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("del\u007f")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("clé")).isFalse();
        assertThat(EmailResource.validIdempotencyKey("\uD83D\uDE00")).isFalse();
    }
}
