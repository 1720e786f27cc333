package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashChainTest {

    @Test
    void content_hashes_change_with_any_field() {
        CallEvent e = new CallEvent(Instant.parse("2026-01-01T00:00:00Z"), "req", "app", "KEY", "jti", "ses:SendEmail", "127.0.0.1", "ua");
        e.describeMessage("a@example.com", 1, "example.net", null, null, null);
        String before = HashChain.contentHash(e);
        assertThat(before).matches("[0-9a-f]{64}").isEqualTo(HashChain.contentHash(e));
        e.sent("0100-id", 5);
        assertThat(HashChain.contentHash(e)).isNotEqualTo(before);

        LifecycleEvent l = new LifecycleEvent(Instant.parse("2026-01-01T00:00:00Z"), "key:K", "key.revoked", "api-key", "K", "x", null, null);
        LifecycleEvent other = new LifecycleEvent(Instant.parse("2026-01-01T00:00:00Z"), "key:K", "key.revoked", "api-key", "K", "y", null, null);
        assertThat(HashChain.contentHash(l)).isNotEqualTo(HashChain.contentHash(other));
    }

    @Test
    void entries_link_to_their_predecessor() {
        String first = HashChain.entryHash(1, HashChain.CALL, 10, "c".repeat(64), HashChain.GENESIS);
        String second = HashChain.entryHash(2, HashChain.LIFECYCLE, 3, "d".repeat(64), first);
        assertThat(second).isNotEqualTo(HashChain.entryHash(2, HashChain.LIFECYCLE, 3, "d".repeat(64), HashChain.GENESIS));
        assertThat(first).isNotEqualTo(HashChain.entryHash(1, HashChain.CALL, 11, "c".repeat(64), HashChain.GENESIS));
        // Known answer from python3: hashlib.sha256(("0" * 64 + "|1|call|10|" + "c" * 64).encode()).hexdigest()
        assertThat(first).isEqualTo("3638b63bbcc0ec4822513e1d32d3fcd2c154be780ac8ca034ea45f9cdd615d52");
    }
}
