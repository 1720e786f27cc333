package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleQueryTest {

    @Test
    void parses_filters_and_shares_the_call_search_cursor() {
        String cursor = new CallQuery.Cursor(Instant.parse("2026-01-02T03:04:05Z"), 7).encode();
        LifecycleQuery q = LifecycleQuery.parse(Map.of("action", "key.revoked", "targetType", "key", "targetId", "K1",
                "actor", "admin", "from", "2026-01-01T00:00:00Z", "limit", "5", "cursor", cursor));
        assertThat(q.action()).isEqualTo("key.revoked");
        assertThat(q.targetId()).isEqualTo("K1");
        assertThat(q.limit()).isEqualTo(5);
        assertThat(q.after().id()).isEqualTo(7);
    }

    @Test
    void every_bad_parameter_is_named() {
        bad(Map.of("decision", "denied"), "decision: unknown parameter");
        bad(Map.of("targetId", "K1"), "targetId: give targetType too");
        bad(Map.of("to", "tomorrow"), "to: an ISO-8601 instant");
        bad(Map.of("limit", "5000"), "limit: between 1 and 1000");
    }

    private static void bad(Map<String, String> params, String message) {
        assertThatThrownBy(() -> LifecycleQuery.parse(params)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
