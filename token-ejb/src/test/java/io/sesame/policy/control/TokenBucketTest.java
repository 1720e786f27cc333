package io.sesame.policy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void allows_a_burst_of_one_second_then_refills_at_the_rate() {
        long state = 0;
        for (int i = 0; i < 10; i++) {
            TokenBucket.Take take = TokenBucket.take(state, 0, 10, 1);
            assertThat(take.taken()).as("burst message %d", i).isTrue();
            state = take.fullAt();
        }
        TokenBucket.Take refused = TokenBucket.take(state, 0, 10, 1);
        assertThat(refused.waitNanos()).isEqualTo(SECOND / 10);
        assertThat(refused.fullAt()).as("a refusal changes nothing").isEqualTo(state);
        TokenBucket.Take later = TokenBucket.take(state, SECOND / 10, 10, 1);
        assertThat(later.taken()).isTrue();
        assertThat(TokenBucket.take(later.fullAt(), SECOND / 10, 10, 1).taken()).isFalse();
        assertThat(TokenBucket.peek(later.fullAt(), SECOND, 10, 1)).isZero();
        assertThat(TokenBucket.peek(later.fullAt(), SECOND / 10, 10, 1)).isPositive();
    }

    @Test
    void fractional_rates_and_large_requests() {
        TokenBucket.Take first = TokenBucket.take(0, 0, 0.5, 1);
        assertThat(first.taken()).isTrue();
        assertThat(TokenBucket.take(first.fullAt(), 0, 0.5, 1).waitNanos()).isEqualTo(2 * SECOND);

        TokenBucket.Take big = TokenBucket.take(0, 0, 2, 5);
        assertThat(big.taken()).as("more than a burst: allowed when full, then a debt").isTrue();
        assertThat(TokenBucket.take(big.fullAt(), SECOND, 2, 1).taken()).as("still paying the debt").isFalse();
        assertThat(TokenBucket.take(big.fullAt(), 2 * SECOND, 2, 1).taken()).isTrue();
        assertThat(TokenBucket.peek(0, 0, 2, 5)).as("a dry run of a large request asks for a full bucket").isZero();
    }

    @Test
    void an_old_state_is_a_full_bucket_not_a_credit() {
        long idleSinceLongAgo = 0;
        long now = 3600 * SECOND;
        int taken = 0;
        long state = idleSinceLongAgo;
        for (int i = 0; i < 100; i++) {
            TokenBucket.Take take = TokenBucket.take(state, now, 10, 1);
            if (take.taken()) {
                taken++;
                state = take.fullAt();
            }
        }
        assertThat(taken).isEqualTo(10);
    }

    @Test
    void a_rate_must_be_positive() {
        assertThatThrownBy(() -> TokenBucket.take(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rate_limiter_keeps_one_bucket_per_key_and_applies_a_new_rate_at_once() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new ConcurrentHashMap<>(), now::get);
        assertThat(limiter.acquire("a", 1, 1)).isZero();
        assertThat(limiter.acquire("a", 1, 1)).isPositive();
        assertThat(limiter.acquire("b", 1, 1)).isZero();
        now.addAndGet(SECOND);
        assertThat(limiter.peek("a", 5, 1)).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("a", 5, 1)).as("a faster rate takes effect at once").isZero();
        }
        assertThat(limiter.acquire("a", 5, 1)).isPositive();
    }

    @Test
    void over_five_seconds_a_key_gets_about_rate_times_five_plus_a_burst() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new ConcurrentHashMap<>(), now::get);
        int accepted = 0;
        for (int ms = 0; ms < 5000; ms++) { // 1000 attempts per second
            now.set(ms * 1_000_000L);
            if (limiter.acquire("k", 10, 1) == 0) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(59, 60); // 10 burst + 10/s × 5 s (≈ 49.9)
    }

    @Test
    void two_limiters_sharing_one_map_share_one_bucket_under_contention() throws Exception {
        ConcurrentMap<String, Long> shared = new ConcurrentHashMap<>();
        AtomicLong now = new AtomicLong(5 * SECOND);
        RateLimiter instanceA = new RateLimiter(shared, now::get);
        RateLimiter instanceB = new RateLimiter(shared, now::get);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimiter limiter = t % 2 == 0 ? instanceA : instanceB;
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        if (limiter.acquire("k", 10, 1) == 0) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).as("one burst of 10 in total, not one per instance or thread").isEqualTo(10);
    }
}
