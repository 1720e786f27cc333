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
    void unclustered_the_instance_remembers_what_it_saw() {
        ClusterGrid grid = new ClusterGrid();
        assertThat(grid.sighting("sigv4:KEY:abc", java.time.Duration.ofMinutes(11))).isEqualTo(io.sesame.cluster.control.SeenOnce.Sighting.FIRST);
        assertThat(grid.sighting("sigv4:KEY:abc", java.time.Duration.ofMinutes(11))).as("the replay")
                .isEqualTo(io.sesame.cluster.control.SeenOnce.Sighting.REPEATED);
    }
}
