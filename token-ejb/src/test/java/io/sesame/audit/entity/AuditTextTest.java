package io.sesame.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditTextTest {

    @Test
    void text_that_fits_is_kept_as_it_is() {
        assertThat(AuditText.bounded("a@example.com", 320)).isEqualTo("a@example.com");
        assertThat(AuditText.bounded(null, 10)).isNull();
        assertThat(AuditText.bounded("x".repeat(320), 320)).hasSize(320).doesNotContain(AuditText.MARKER);
    }

    @Test
    void longer_text_is_cut_to_the_column_and_says_so() {
        String cut = AuditText.bounded("a".repeat(400) + "@example.com", 320);
        assertThat(cut).hasSize(320).endsWith(AuditText.MARKER).startsWith("aaaa");
        assertThat(AuditText.bounded("x".repeat(2_000_000), 2000)).hasSize(2000).endsWith(AuditText.MARKER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000byte", "cr\rlf\nforged line", "esc\u001b[31m", "del\u007f"})
    void control_characters_never_reach_a_column(String hostile) {
        String stored = AuditText.bounded(hostile, 100);
        assertThat(stored).doesNotContain("\u0000", "\r", "\n", "\u001b", "\u007f").contains("\uFFFD");
        assertThat(stored).hasSameSizeAs(hostile);
    }

    @Test
    void a_cut_never_splits_a_surrogate_pair_and_lone_surrogates_are_replaced() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String text = "a".repeat(7) + emoji.repeat(20);
        for (int max = 14; max < 30; max++) {
            String stored = AuditText.bounded(text, max);
            assertThat(stored.length()).isLessThanOrEqualTo(max);
            assertThat(new String(stored.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .as("round-trips through UTF-8 at max %d", max).isEqualTo(stored);
        }
        assertThat(AuditText.bounded("lone \uD800 high", 50)).isEqualTo("lone \uFFFD high");
        assertThat(AuditText.bounded("lone \uDC00 low", 50)).isEqualTo("lone \uFFFD low");
        assertThat(AuditText.bounded("ok " + emoji, 50)).isEqualTo("ok " + emoji);
    }
}
