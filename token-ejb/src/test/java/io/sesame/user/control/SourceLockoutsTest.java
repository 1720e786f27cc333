package io.sesame.user.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceLockoutsTest {

    private final Instant t0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void an_attacker_locks_out_only_their_own_address_never_the_owner_elsewhere() {
        SourceLockouts lockouts = new SourceLockouts();
        Instant lock = null;
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(lockouts.lockedUntil("admin", "203.0.113.9", t0)).isNull();
            lock = lockouts.failed("admin", "203.0.113.9", t0);
        }
        assertThat(lock).isEqualTo(t0.plus(LoginThrottle.BASE_LOCK));
        assertThat(lockouts.lockedUntil("admin", "203.0.113.9", t0.plusSeconds(1))).isEqualTo(lock);
        assertThat(lockouts.lockedUntil("admin", "198.51.100.7", t0.plusSeconds(1))).as("the owner, elsewhere").isNull();
        assertThat(lockouts.lockedUntil("ops", "203.0.113.9", t0.plusSeconds(1))).as("another account").isNull();
        assertThat(lockouts.failed("admin", "203.0.113.9", t0.plusSeconds(61))).as("doubling").isEqualTo(t0.plusSeconds(61).plus(LoginThrottle.BASE_LOCK.multipliedBy(2)));
        assertThat(lockouts.lockedUntil("admin", "203.0.113.9", t0.plus(LoginThrottle.MAX_LOCK).plusSeconds(62))).as("locks end").isNull();
    }

    @Test
    void a_success_resets_its_address_and_an_unlock_resets_every_address() {
        SourceLockouts lockouts = new SourceLockouts();
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            lockouts.failed("admin", "a", t0);
            lockouts.failed("admin", "b", t0);
        }
        lockouts.failed("admin", "c", t0);
        lockouts.succeeded("admin", "c");
        assertThat(lockouts.failures("admin", "c")).isZero();
        assertThat(lockouts.lockedUntil("admin", "a", t0)).isNotNull();
        lockouts.clear("admin");
        assertThat(lockouts.lockedUntil("admin", "a", t0)).isNull();
        assertThat(lockouts.lockedUntil("admin", "b", t0)).isNull();
    }
}
