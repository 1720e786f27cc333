package io.sesame.cluster.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.policy.control.RateLimiter;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimitsTest {

    @Test
    void the_bounded_map_keeps_compare_and_set() {
        ConcurrentMap<String, Long> map = ClusterGrid.localRateLimits();
        assertThat(map.putIfAbsent("k", 1L)).isNull();
        assertThat(map.putIfAbsent("k", 2L)).isEqualTo(1L);
        assertThat(map.replace("k", 2L, 3L)).as("a lost race").isFalse();
        assertThat(map.replace("k", 1L, 3L)).isTrue();
        assertThat(map.get("k")).isEqualTo(3L);
    }

    @Test
    void the_local_limiter_still_limits() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        RateLimiter limiter = new RateLimiter(ClusterGrid.localRateLimits(), clock::get);
        assertThat(limiter.acquire("k", 1, 1)).isZero();
        assertThat(limiter.acquire("k", 1, 1)).as("one per second").isPositive();
        clock.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire("k", 1, 1)).isZero();
    }

    @Test
    void a_signed_request_is_seen_once_until_forgotten() throws Exception {
        ClusterGrid grid = new ClusterGrid(); // not clustered: the per-instance memory
        assertThat(grid.firstSighting("sigv4:KEY:abc", java.time.Duration.ofMinutes(11))).isTrue();
        assertThat(grid.firstSighting("sigv4:KEY:abc", java.time.Duration.ofMinutes(11))).as("the replay").isFalse();
        assertThat(grid.firstSighting("sigv4:KEY:abd", java.time.Duration.ofMinutes(11))).as("another signature").isTrue();
        grid.forgetSighting("sigv4:KEY:abc");
        assertThat(grid.firstSighting("sigv4:KEY:abc", java.time.Duration.ofMinutes(11))).as("a retry after a 5xx").isTrue();
        // concurrent replays: exactly one wins
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tries.add(pool.submit(() -> grid.firstSighting("sigv4:KEY:race", java.time.Duration.ofMinutes(11))));
            }
            long winners = 0;
            for (java.util.concurrent.Future<Boolean> t : tries) {
                winners += t.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
