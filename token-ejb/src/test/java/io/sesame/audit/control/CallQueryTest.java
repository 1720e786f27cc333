package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.audit.entity.CallEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallQueryTest {

    @Test
    void parses_filters_window_limit_and_cursor() {
        String cursor = new CallQuery.Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"), 42).encode();
        CallQuery q = CallQuery.parse(Map.of("key", "K1", "decision", "denied", "reason", "from_not_allowed",
                "from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z", "limit", "10", "cursor", cursor));
        assertThat(q.keyId()).isEqualTo("K1");
        assertThat(q.decision()).isEqualTo(CallEvent.Decision.DENIED);
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.after()).isEqualTo(new CallQuery.Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"), 42));
        assertThat(CallQuery.parse(Map.of()).limit()).isEqualTo(CallQuery.DEFAULT_LIMIT);
    }

    @Test
    void every_bad_parameter_is_named() {
        bad(Map.of("colour", "red"), "colour: unknown parameter");
        bad(Map.of("decision", "maybe"), "decision:");
        bad(Map.of("reason", "because"), "reason:");
        bad(Map.of("from", "yesterday"), "from: an ISO-8601 instant");
        bad(Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"), "from: must be before to");
        bad(Map.of("limit", "0"), "limit: between 1 and 1000");
        bad(Map.of("limit", "ten"), "limit: a whole number");
        bad(Map.of("cursor", "!!"), "cursor:");
    }

    private static void bad(Map<String, String> params, String message) {
        assertThatThrownBy(() -> CallQuery.parse(params)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void csv_quotes_and_defuses_formulas() {
        assertThat(CallEventFormat.csv("plain")).isEqualTo("plain");
        assertThat(CallEventFormat.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(CallEventFormat.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CallEventFormat.csv("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CallEventFormat.csv("=HYPERLINK(\"x\")")).startsWith("\"'=HYPERLINK");
        assertThat(CallEventFormat.csv("@cmd")).isEqualTo("'@cmd");
        CallEvent e = new CallEvent(Instant.parse("2026-01-01T00:00:00Z"), "req", "app", "KEY", "jti", "ses:SendEmail", "127.0.0.1", "curl");
        e.deny("from_not_allowed", "From address x@y.com is not allowed");
        assertThat(CallEventFormat.csvHeader()).startsWith("id,occurredAt,requestId,applicationId,keyId");
        assertThat(CallEventFormat.csvRow(e)).contains("ses:SendEmail,denied,from_not_allowed").endsWith("\r\n");
        assertThat(CallEventFormat.json(e).getString("decision")).isEqualTo("denied");
    }
}
