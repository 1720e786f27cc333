package io.sesame.alert.control;

import io.sesame.alert.entity.AlertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static AlertRule rule(long id, AlertKind kind, String app, String key, double threshold) {
        return new AlertRule(id, kind, app, key, threshold, true, false, true, false);
    }

    @Test
    void the_most_specific_rule_wins_and_the_default_applies_otherwise() {
        List<AlertRule> overrides = List.of(
                rule(1, AlertKind.REQUESTS_PER_MINUTE, null, null, 100),
                rule(2, AlertKind.REQUESTS_PER_MINUTE, "APP1", null, 50),
                rule(3, AlertKind.REQUESTS_PER_MINUTE, null, "K1", 5),
                rule(4, AlertKind.DENIALS_PER_MINUTE, null, "K2", 1));
        assertThat(AlertRule.effective(AlertKind.REQUESTS_PER_MINUTE, "APP1", "K1", overrides).id()).isEqualTo(3);
        assertThat(AlertRule.effective(AlertKind.REQUESTS_PER_MINUTE, "APP1", "K9", overrides).id()).isEqualTo(2);
        assertThat(AlertRule.effective(AlertKind.REQUESTS_PER_MINUTE, "APP2", "K9", overrides).id()).isEqualTo(1);
        AlertRule builtIn = AlertRule.effective(AlertKind.DENIALS_PER_MINUTE, "APP1", "K1", overrides);
        assertThat(builtIn.id()).isNull();
        assertThat(builtIn.threshold()).isEqualTo(AlertKind.DENIALS_PER_MINUTE.defaultThreshold());
        assertThat(builtIn.scope()).isEqualTo("global");
    }

    @Test
    void thresholds_fire_above_not_at_and_event_rules_always_fire() {
        assertThat(AlertKind.BOUNCE_RATE.crossed(0.05, 0.05)).isFalse();
        assertThat(AlertKind.BOUNCE_RATE.crossed(0.0501, 0.05)).isTrue();
        assertThat(AlertKind.NEW_SOURCE_IP.crossed(0, 1)).isTrue();
        assertThat(AlertRule.builtIn(AlertKind.COMPLAINT_RATE).autoSuspend()).as("reputation rules suspend by default").isTrue();
        assertThat(AlertRule.builtIn(AlertKind.REQUESTS_PER_MINUTE).autoSuspend()).isFalse();
    }

    @Test
    void rule_codes_round_trip_and_unknown_ones_list_the_known() {
        assertThat(AlertKind.ofCode("bounce-rate")).isEqualTo(AlertKind.BOUNCE_RATE);
        assertThatThrownBy(() -> AlertKind.ofCode("bounce")).hasMessageContaining("requests-per-minute");
    }

    @Test
    void baseline_is_the_median_and_needs_history_and_volume() {
        assertThat(VolumeBaseline.median(new long[] {10, 30, 20})).isEqualTo(20);
        assertThat(VolumeBaseline.median(new long[] {10, 20, 30, 1000})).isEqualTo(25);
        assertThat(VolumeBaseline.multiple(600, new long[] {100, 120, 80, 100, 0, 0, 100})).isEqualTo(6.0);
        assertThat(VolumeBaseline.multiple(600, new long[7])).as("no history").isZero();
        assertThat(VolumeBaseline.multiple(49, new long[] {1, 1, 1, 1, 1, 1, 1})).as("too little volume").isZero();
    }

    @Test
    void retries_back_off_exponentially_with_jitter_up_to_a_cap_then_give_up() {
        Duration base = Duration.ofSeconds(10);
        assertThat(RetrySchedule.delayAfter(1, base)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(RetrySchedule.delayAfter(3, base)).isBetween(Duration.ofSeconds(32), Duration.ofSeconds(48));
        assertThat(RetrySchedule.delayAfter(7, Duration.ofMinutes(5))).isLessThanOrEqualTo(Duration.ofMinutes(72));
        assertThat(RetrySchedule.delayAfter(RetrySchedule.MAX_ATTEMPTS, base)).isNull();
    }

    @Test
    void webhook_signatures_verify_and_reject_tampering_other_secrets_and_stale_timestamps() {
        Instant at = Instant.parse("2026-11-28T12:00:00Z");
        String body = "{\"type\":\"sesame.alert\"}";
        String header = WebhookSignature.header("s3cret", at, body);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify("s3cret", header, body, at.plusSeconds(10), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("s3cret", header, body + " ", at, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("other", header, body, at, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", header, body, at.plusSeconds(600), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", "t=x,v1=y", body, at, Duration.ofMinutes(5))).isFalse();
    }
}
