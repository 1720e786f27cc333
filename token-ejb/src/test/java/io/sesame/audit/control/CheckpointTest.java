package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.platform.control.Pepper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private final byte[] key = new Pepper("p".repeat(40)).deriveKey(Checkpoint.KEY_PURPOSE);
    private final Checkpoint checkpoint = Checkpoint.of(41, "a".repeat(64), Instant.parse("2025-01-01T00:00:00.123456789Z"), 10, 2,
            Instant.parse("2026-02-05T03:41:00Z"));

    @Test
    void a_signed_checkpoint_verifies_and_any_edit_breaks_it() {
        String signature = checkpoint.sign(key);
        assertThat(checkpoint.verify(key, signature)).isTrue();
        assertThat(new Checkpoint(42, checkpoint.entryHash(), checkpoint.purgedBefore(), 10, 2, checkpoint.createdAt())
                .verify(key, signature)).as("moved forward to hide deleted entries").isFalse();
        assertThat(new Checkpoint(41, "b".repeat(64), checkpoint.purgedBefore(), 10, 2, checkpoint.createdAt())
                .verify(key, signature)).isFalse();
        assertThat(new Checkpoint(41, checkpoint.entryHash(), checkpoint.purgedBefore(), 11, 2, checkpoint.createdAt())
                .verify(key, signature)).isFalse();
        assertThat(checkpoint.verify(key, null)).isFalse();
    }

    @Test
    void only_the_server_key_signs() {
        byte[] otherPepper = new Pepper("q".repeat(40)).deriveKey(Checkpoint.KEY_PURPOSE);
        byte[] otherPurpose = new Pepper("p".repeat(40)).deriveKey("something-else");
        assertThat(checkpoint.verify(otherPepper, checkpoint.sign(key))).isFalse();
        assertThat(checkpoint.verify(otherPurpose, checkpoint.sign(key))).isFalse();
    }

    @Test
    void times_are_kept_at_database_precision_so_a_reloaded_checkpoint_verifies() {
        assertThat(checkpoint.purgedBefore()).isEqualTo(Instant.parse("2025-01-01T00:00:00.123456Z"));
    }
}
