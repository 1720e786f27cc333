package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.platform.control.Cidr;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission (revocation, expiry, rotation grace and reuse), token lifetime maths and expiry warnings. */
class KeyLifecycleRulesTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final AccessPolicy SEND = new AccessPolicy(EnumSet.of(Permission.SEND_EMAIL), ResourceScope.UNRESTRICTED);

    static KeyState key(KeyStatus status, Instant expiresAt, Instant graceUntil, ApplicationStatus app, AccessPolicy policy) {
        return new KeyState("k1", "app_1", "app", app, status, "hash", expiresAt, graceUntil, 1, policy);
    }

    static KeyState active() {
        return key(KeyStatus.ACTIVE, NOW.plus(Duration.ofDays(30)), null, ApplicationStatus.ACTIVE, SEND);
    }

    @Test
    void an_active_key_of_an_active_application_is_admitted() {
        assertThat(KeyAdmission.evaluate(active(), NOW, "127.0.0.1").admitted()).isTrue();
    }

    @Test
    void revoked_suspended_expired_and_suspended_application_are_refused() {
        Instant later = NOW.plus(Duration.ofDays(1));
        assertThat(KeyAdmission.evaluate(key(KeyStatus.REVOKED, later, null, ApplicationStatus.ACTIVE, SEND), NOW, null).refusal())
                .isEqualTo(KeyAdmission.Refusal.REVOKED);
        assertThat(KeyAdmission.evaluate(key(KeyStatus.SUSPENDED, later, null, ApplicationStatus.ACTIVE, SEND), NOW, null).refusal())
                .isEqualTo(KeyAdmission.Refusal.SUSPENDED);
        assertThat(KeyAdmission.evaluate(key(KeyStatus.ACTIVE, later, null, ApplicationStatus.SUSPENDED, SEND), NOW, null).refusal())
                .isEqualTo(KeyAdmission.Refusal.APPLICATION_SUSPENDED);
        KeyAdmission.Verdict expired = KeyAdmission.evaluate(key(KeyStatus.ACTIVE, NOW, null, ApplicationStatus.ACTIVE, SEND), NOW, null);
        assertThat(expired.refusal()).isEqualTo(KeyAdmission.Refusal.EXPIRED);
        assertThat(expired.nowExpired()).isTrue();
        assertThat(KeyAdmission.evaluate(key(KeyStatus.EXPIRED, later, null, ApplicationStatus.ACTIVE, SEND), NOW, null).nowExpired())
                .isFalse();
    }

    @Test
    void a_rotated_key_works_until_its_grace_deadline_and_is_reuse_afterwards() {
        Instant expiry = NOW.plus(Duration.ofDays(30));
        KeyState inGrace = key(KeyStatus.ROTATED_IN_GRACE, expiry, NOW.plusSeconds(1), ApplicationStatus.ACTIVE, SEND);
        assertThat(KeyAdmission.evaluate(inGrace, NOW, null).admitted()).isTrue();
        KeyAdmission.Verdict after = KeyAdmission.evaluate(inGrace, NOW.plusSeconds(1), null);
        assertThat(after.refusal()).isEqualTo(KeyAdmission.Refusal.ROTATED);
        assertThat(after.reuseDetected()).isTrue();
        // grace 0: dead at once
        KeyState noGrace = key(KeyStatus.ROTATED_IN_GRACE, expiry, NOW, ApplicationStatus.ACTIVE, SEND);
        assertThat(KeyAdmission.evaluate(noGrace, NOW, null).reuseDetected()).isTrue();
    }

    @Test
    void the_ip_allowlist_applies_to_keys_and_their_tokens() {
        AccessPolicy pinned = new AccessPolicy(EnumSet.of(Permission.SEND_EMAIL), new ResourceScope(null, null, null, null,
                null, null, null, null, null, List.of(Cidr.parse("10.0.0.0/8")), null, null));
        KeyState key = key(KeyStatus.ACTIVE, NOW.plus(Duration.ofDays(1)), null, ApplicationStatus.ACTIVE, pinned);
        assertThat(KeyAdmission.evaluate(key, NOW, "10.1.2.3").admitted()).isTrue();
        assertThat(KeyAdmission.evaluate(key, NOW, "192.0.2.1").refusal()).isEqualTo(KeyAdmission.Refusal.IP_NOT_ALLOWED);
        // Introspection by a third party has no client address of the key's holder: the allowlist does not apply.
        assertThat(KeyAdmission.evaluate(key, NOW, null).admitted()).isTrue();
    }

    @Test
    void token_lifetime_is_capped_by_12h_key_expiry_and_grace() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        Instant farExpiry = NOW.plus(Duration.ofDays(30));
        assertThat(TokenLifetime.of(null, fiveMinutes, NOW, farExpiry, null)).isEqualTo(fiveMinutes);
        assertThat(TokenLifetime.of(3600, fiveMinutes, NOW, farExpiry, null)).isEqualTo(Duration.ofHours(1));
        assertThat(TokenLifetime.of(86_400, fiveMinutes, NOW, farExpiry, null)).isEqualTo(Duration.ofHours(12));
        assertThat(TokenLifetime.of(3600, fiveMinutes, NOW, NOW.plusSeconds(90), null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenLifetime.of(3600, fiveMinutes, NOW, farExpiry, NOW.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(TokenLifetime.of(3600, fiveMinutes, NOW, NOW.minusSeconds(1), null)).isZero();
        assertThat(TokenLifetime.of(null, fiveMinutes, NOW, NOW.plusMillis(1500), null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void expiry_warnings_fire_once_per_threshold_most_urgent_first() {
        List<Integer> thresholds = List.of(14, 7, 1);
        Instant expiry = NOW.plus(Duration.ofDays(10));
        assertThat(ExpiryWarnings.due(NOW, expiry, thresholds, null)).hasValue(14);
        assertThat(ExpiryWarnings.due(NOW, expiry, thresholds, 14)).isEmpty();
        assertThat(ExpiryWarnings.due(NOW.plus(Duration.ofDays(4)), expiry, thresholds, 14)).hasValue(7);
        assertThat(ExpiryWarnings.due(NOW.plus(Duration.ofDays(9).plusHours(12)), expiry, thresholds, 14)).hasValue(1);
        assertThat(ExpiryWarnings.due(NOW, NOW.plus(Duration.ofDays(20)), thresholds, null)).isEmpty();
        assertThat(ExpiryWarnings.due(NOW, NOW.minusSeconds(1), thresholds, null)).isEmpty();
    }
}
