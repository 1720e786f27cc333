package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.ResourceScope;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The key state machine under random sequences of everything that can happen to a rotation family (rotate with any
 * grace, suspend, reactivate, revoke, time passing, hygiene, presenting any key), checked after every step:
 * a revoked key never returns; once every grace is over at most one key of the family is usable; presenting a
 * retired secret always ends the family; every change of state carries its lifecycle event and no event changes
 * nothing.
 */
class KeyLifecycleTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(30);

    enum Kind { ROTATE, SUSPEND, REACTIVATE, REVOKE, WAIT, HYGIENE, PRESENT }

    /** One step: what happens, to which key (an index, taken modulo the family's size), and a number of seconds. */
    record Step(Kind kind, int key, long seconds) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 7),
                Arbitraries.longs().between(0, Duration.ofDays(40).toSeconds())).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void every_history_keeps_the_invariants(@ForAll("histories") List<Step> history) {
        Family family = new Family();
        for (Step step : history) {
            family.apply(step);
            family.checkInvariants();
        }
    }

    @Example
    void a_key_rotated_then_suspended_and_reactivated_after_its_grace_comes_back_retired() {
        // the defect this machine replaces: reactivate() made such a key active again, a second usable key forever
        Family family = new Family();
        family.apply(new Step(Kind.ROTATE, 0, 60));
        family.apply(new Step(Kind.SUSPEND, 0, 0));
        family.apply(new Step(Kind.WAIT, 0, 3600));
        family.apply(new Step(Kind.REACTIVATE, 0, 0));
        assertThat(family.keys.get(0).status()).isEqualTo(KeyStatus.ROTATED_IN_GRACE);
        assertThat(family.usable()).isEqualTo(1);
        family.apply(new Step(Kind.PRESENT, 0, 0));
        assertThat(family.keys).allMatch(k -> k.status() == KeyStatus.REVOKED);
    }

    /** A rotation family as the services would drive it, with the lifecycle events they would record. */
    static final class Family {
        final List<KeyLifecycle.State> keys = new ArrayList<>(List.of(KeyLifecycle.State.issued(START.plus(LIFETIME))));
        final List<String> events = new ArrayList<>();
        Instant now = START;
        private final List<Boolean> everRevoked = new ArrayList<>(List.of(false));
        private boolean reusePresented;

        void apply(Step step) {
            int i = step.key() % keys.size();
            KeyLifecycle.State before = keys.get(i);
            reusePresented = false;
            try {
                switch (step.kind()) {
                    case ROTATE -> {
                        KeyLifecycle.Change change = KeyLifecycle.rotateOut(before, now, now.plusSeconds(step.seconds()));
                        record(i, before, change);
                        keys.add(KeyLifecycle.State.issued(now.plus(LIFETIME)));
                        everRevoked.add(false);
                        events.add("key.issued");
                    }
                    case SUSPEND -> record(i, before, KeyLifecycle.suspend(before, now));
                    case REACTIVATE -> record(i, before, KeyLifecycle.reactivate(before, now));
                    case REVOKE -> record(i, before, KeyLifecycle.revoke(before, now));
                    case WAIT -> now = now.plusSeconds(step.seconds());
                    case HYGIENE -> {
                        for (int k = 0; k < keys.size(); k++) {
                            record(k, keys.get(k), KeyLifecycle.expire(keys.get(k), now));
                        }
                    }
                    case PRESENT -> present(i);
                }
            } catch (SesameException refused) {
                assertThat(keys.get(i)).as("a refused transition changes nothing").isEqualTo(before);
            }
        }

        /** What TokenService does with a presented key: admission, then expiry or the family's revocation. */
        private void present(int i) {
            KeyLifecycle.State key = keys.get(i);
            KeyAdmission.Verdict verdict = KeyAdmission.evaluate(new KeyState("k" + i, "app", "app", ApplicationStatus.ACTIVE,
                    key.status(), "hash", key.expiresAt(), key.graceUntil(), 1,
                    new AccessPolicy(Set.of(), ResourceScope.UNRESTRICTED)), now, null);
            assertThat(verdict.admitted()).as("admitted exactly when usable").isEqualTo(key.usableAt(now));
            if (verdict.nowExpired()) {
                record(i, key, KeyLifecycle.expire(key, now));
            }
            if (verdict.reuseDetected()) {
                reusePresented = true;
                for (int k = 0; k < keys.size(); k++) {
                    record(k, keys.get(k), KeyLifecycle.revoke(keys.get(k), now));
                }
            }
        }

        private void record(int i, KeyLifecycle.State before, KeyLifecycle.Change change) {
            assertThat(change.changed()).as("an event exactly when the state changes").isEqualTo(!change.next().equals(before));
            keys.set(i, change.next());
            if (change.changed()) {
                events.add(change.event());
            }
            if (change.next().status() == KeyStatus.REVOKED) {
                everRevoked.set(i, true);
            }
        }

        long usable() {
            return keys.stream().filter(k -> k.usableAt(now)).count();
        }

        void checkInvariants() {
            for (int k = 0; k < keys.size(); k++) {
                if (everRevoked.get(k)) {
                    assertThat(keys.get(k).status()).as("a revoked key never returns").isEqualTo(KeyStatus.REVOKED);
                }
                KeyLifecycle.State key = keys.get(k);
                assertThat(key.status() == KeyStatus.REVOKED).as("revokedAt set exactly for revoked keys")
                        .isEqualTo(key.revokedAt() != null);
            }
            boolean everyGraceOver = keys.stream().allMatch(k -> k.graceUntil() == null || !now.isBefore(k.graceUntil()));
            if (everyGraceOver) {
                assertThat(usable()).as("after every grace, at most one usable key in the family").isLessThanOrEqualTo(1);
            }
            assertThat(keys.stream().filter(k -> k.graceUntil() == null).count())
                    .as("only the newest key was never rotated out").isLessThanOrEqualTo(1);
            if (reusePresented) {
                assertThat(keys).as("presenting a retired secret ends the family").allMatch(k -> k.status() == KeyStatus.REVOKED);
            }
        }
    }
}
