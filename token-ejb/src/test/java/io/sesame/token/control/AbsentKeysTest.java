package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AbsentKeysTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void an_unknown_id_is_remembered_for_a_while_then_asked_again() {
        AbsentKeys absent = new AbsentKeys(100, Duration.ofSeconds(30), nanos::get);
        assertThat(absent.knownAbsent("made-up")).isFalse();
        absent.remember("made-up");
        assertThat(absent.knownAbsent("made-up")).isTrue();
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(absent.knownAbsent("made-up")).as("expired: the database is asked again").isFalse();
    }

    @Test
    void a_key_created_meanwhile_is_forgotten_at_once() {
        AbsentKeys absent = new AbsentKeys(100, Duration.ofSeconds(30), nanos::get);
        absent.remember("KEY1");
        absent.forget("KEY1");
        assertThat(absent.knownAbsent("KEY1")).isFalse();
        assertThat(absent.knownAbsent(null)).isFalse();
    }

    @Test
    void a_flood_of_made_up_ids_stays_bounded() {
        AbsentKeys absent = new AbsentKeys(1_000, Duration.ofSeconds(30), nanos::get);
        for (int i = 0; i < 50_000; i++) {
            absent.remember("flood-" + i);
        }
        assertThat(absent.size()).isLessThanOrEqualTo(1_000);
    }
}
