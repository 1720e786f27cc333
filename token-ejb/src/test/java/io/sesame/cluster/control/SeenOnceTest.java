package io.sesame.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.cluster.control.SeenOnce.Sighting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SeenOnceTest {

    private static final Duration TTL = Duration.ofMinutes(11);

    @Test
    void a_signature_is_seen_once_for_its_whole_validity_then_forgotten() {
        SeenOnce seen = new SeenOnce(10);
        assertThat(seen.see("sig-a", TTL, 0)).isEqualTo(Sighting.FIRST);
        assertThat(seen.see("sig-a", TTL, TTL.toMillis() - 1)).as("replayed just before it expires").isEqualTo(Sighting.REPEATED);
        assertThat(seen.see("sig-b", TTL, 1)).isEqualTo(Sighting.FIRST);
        assertThat(seen.see("sig-a", TTL, TTL.toMillis())).as("after its validity").isEqualTo(Sighting.FIRST);
    }

    @Test
    void when_full_it_refuses_rather_than_forgetting_a_live_signature() {
        SeenOnce seen = new SeenOnce(3);
        for (String s : List.of("a", "b", "c")) {
            assertThat(seen.see(s, TTL, 0)).isEqualTo(Sighting.FIRST);
        }
        assertThat(seen.see("d", TTL, 1)).isEqualTo(Sighting.FULL);
        assertThat(seen.see("a", TTL, 1)).as("still remembered").isEqualTo(Sighting.REPEATED);
        assertThat(seen.see("d", TTL, TTL.toMillis() + 1)).as("room again once the others expired").isEqualTo(Sighting.FIRST);
        assertThat(seen.size()).isEqualTo(1);
    }

    @Test
    void of_concurrent_replays_exactly_one_is_first() throws Exception {
        SeenOnce seen = new SeenOnce(1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Sighting>> tries = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tries.add(pool.submit(() -> seen.see("race", TTL, 5)));
            }
            long first = 0;
            for (Future<Sighting> t : tries) {
                first += t.get() == Sighting.FIRST ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
