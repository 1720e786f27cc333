package io.sesame.user.control;

import static io.sesame.user.control.PortalSessions.Verdict.ACCOUNT_CHANGED;
import static io.sesame.user.control.PortalSessions.Verdict.TOO_OLD;
import static io.sesame.user.control.PortalSessions.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PortalSessionsTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration MAX = Duration.ofHours(12);

    @Test
    void a_session_lasts_while_its_account_is_active_and_unchanged_and_not_past_its_lifetime() {
        assertThat(PortalSessions.check(true, true, 3, 3L, SIGNED_IN, SIGNED_IN.plus(Duration.ofHours(11)), MAX)).isEqualTo(VALID);
        assertThat(PortalSessions.check(true, true, 4, 3L, SIGNED_IN, SIGNED_IN.plusSeconds(1), MAX)).isEqualTo(ACCOUNT_CHANGED);
        assertThat(PortalSessions.check(true, false, 3, 3L, SIGNED_IN, SIGNED_IN.plusSeconds(1), MAX)).isEqualTo(ACCOUNT_CHANGED);
        assertThat(PortalSessions.check(false, false, -1, 3L, SIGNED_IN, SIGNED_IN.plusSeconds(1), MAX)).isEqualTo(ACCOUNT_CHANGED);
        assertThat(PortalSessions.check(true, true, 3, null, SIGNED_IN, SIGNED_IN.plusSeconds(1), MAX))
                .as("a session without an epoch (from before, or forged)").isEqualTo(ACCOUNT_CHANGED);
        assertThat(PortalSessions.check(true, true, 3, 3L, SIGNED_IN, SIGNED_IN.plus(MAX), MAX))
                .as("however active it was").isEqualTo(TOO_OLD);
        assertThat(PortalSessions.check(true, true, 3, 3L, null, SIGNED_IN, MAX)).isEqualTo(TOO_OLD);
    }

    @Test
    void disabling_changing_roles_or_the_password_moves_the_epoch_on_and_signing_in_does_not() {
        AdminUser ann = new AdminUser("ann", "hash", EnumSet.of(AdminRole.admin), SIGNED_IN);
        long epoch = ann.getSessionEpoch();
        ann.loginSucceeded(SIGNED_IN);
        ann.loginFailed(null);
        ann.enable();
        assertThat(ann.getSessionEpoch()).as("sign-ins, failures and unlocking end no session").isEqualTo(epoch);
        ann.setRoles(EnumSet.of(AdminRole.auditor));
        assertThat(ann.getSessionEpoch()).isGreaterThan(epoch);
        epoch = ann.getSessionEpoch();
        ann.changePassword("other-hash");
        assertThat(ann.getSessionEpoch()).isGreaterThan(epoch);
        epoch = ann.getSessionEpoch();
        ann.disable();
        assertThat(ann.getSessionEpoch()).isGreaterThan(epoch);
    }
}
