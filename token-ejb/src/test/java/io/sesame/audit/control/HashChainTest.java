package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashChainTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** A call event with every field set; {@code change} alters exactly one of them. */
    static CallEvent event(java.util.function.UnaryOperator<String> change) {
        CallEvent e = new CallEvent(Instant.parse(change.apply("occurredAt").equals("occurredAt") ? "2026-01-01T00:00:00Z" : "2026-01-01T00:00:01Z"),
                v(change, "requestId"), v(change, "applicationId"), v(change, "keyId"), v(change, "jti"), v(change, "action"),
                v(change, "clientIp"), v(change, "userAgent"));
        e.describeMessage(v(change, "from"), change.apply("recipientCount").equals("recipientCount") ? 1 : 2,
                v(change, "recipientDomains"), v(change, "recipients"), v(change, "template"), v(change, "configurationSet"));
        e.allow(v(change, "transport"));
        if (!change.apply("decision").equals("decision")) {
            e.deny(v(change, "reasonCodes"), v(change, "reasonDetail"));
        } else if (!change.apply("sesError").equals("sesError")) {
            e.failed(v(change, "sesError"), 5);
        } else {
            e.sent(v(change, "sesMessageId"), change.apply("latencyMs").equals("latencyMs") ? 5 : 6);
        }
        e.recordedAs(change.apply("id").equals("id") ? 10 : 11);
        return e;
    }

    private static String v(java.util.function.UnaryOperator<String> change, String field) {
        return change.apply(field) + "-value";
    }

    @Test
    void the_content_hash_changes_with_each_field_alone() {
        String base = HashChain.contentHash(event(f -> f));
        assertThat(base).matches("[0-9a-f]{64}").isEqualTo(HashChain.contentHash(event(f -> f)));
        for (String field : java.util.List.of("id", "occurredAt", "requestId", "applicationId", "keyId", "jti", "action",
                "decision", "from", "recipientCount", "recipientDomains", "recipients", "template", "configurationSet",
                "transport", "sesMessageId", "sesError", "clientIp", "userAgent", "latencyMs")) {
            assertThat(HashChain.contentHash(event(f -> f.equals(field) ? f + "'" : f))).as("only %s changed", field).isNotEqualTo(base);
        }
        CallEvent denied = event(f -> f.equals("decision") ? "d" : f);
        CallEvent otherReason = event(f -> f.equals("decision") ? "d" : f.equals("reasonCodes") ? "r" : f);
        CallEvent otherDetail = event(f -> f.equals("decision") ? "d" : f.equals("reasonDetail") ? "r" : f);
        assertThat(HashChain.contentHash(otherReason)).isNotEqualTo(HashChain.contentHash(denied));
        assertThat(HashChain.contentHash(otherDetail)).isNotEqualTo(HashChain.contentHash(denied));

        LifecycleEvent l = new LifecycleEvent(T, "key:K", "key.revoked", "api-key", "K", "x", null, null);
        LifecycleEvent other = new LifecycleEvent(T, "key:K", "key.revoked", "api-key", "K", "y", null, null);
        assertThat(HashChain.contentHash(l)).isNotEqualTo(HashChain.contentHash(other));
    }

    @Test
    void the_canonical_form_is_frozen_whatever_the_export_format_becomes() {
        CallEvent e = event(f -> f);
        // Known answer: events sealed with this form must keep verifying, so this string never changes (a new field is a
        // new canonical version, not an edit of version 1).
        assertThat(HashChain.canonicalV1(e)).isEqualTo("{\"type\":\"call\",\"id\":10,\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"requestId\":\"requestId-value\",\"applicationId\":\"applicationId-value\",\"keyId\":\"keyId-value\","
                + "\"jti\":\"jti-value\",\"action\":\"action-value\",\"decision\":\"allowed\",\"from\":\"from-value\","
                + "\"recipientCount\":1,\"recipientDomains\":\"recipientDomains-value\",\"recipients\":\"recipients-value\","
                + "\"template\":\"template-value\",\"configurationSet\":\"configurationSet-value\",\"transport\":\"transport-value\","
                + "\"sesMessageId\":\"sesMessageId-value\",\"clientIp\":\"clientIp-value\",\"userAgent\":\"userAgent-value\","
                + "\"latencyMs\":5}");
        assertThat(HashChain.contentHash(e)).isEqualTo(HashChain.sha256(HashChain.canonicalV1(e)));
        LifecycleEvent l = new LifecycleEvent(T, "key:K", "key.revoked", "api-key", "K", "revoked", "127.0.0.1", "req-1");
        assertThat(HashChain.canonicalV1(l)).isEqualTo("{\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"key:K\","
                + "\"action\":\"key.revoked\",\"targetType\":\"api-key\",\"targetId\":\"K\",\"detail\":\"revoked\","
                + "\"sourceIp\":\"127.0.0.1\",\"requestId\":\"req-1\"}");
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(HashChain.canonicalV1(event(f -> f.equals("decision") ? "d" : f))).as("no locale in the canonical form")
                    .contains("\"decision\":\"denied\"");
        } finally {
            java.util.Locale.setDefault(before);
        }
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
