package io.sesame.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void allows_a_burst_of_one_second_then_refills_at_the_rate() {
        TokenBucket bucket = new TokenBucket(10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryAcquire(1, 0)).isZero();
        }
        long wait = bucket.tryAcquire(1, 0);
        assertThat(wait).isEqualTo(SECOND / 10);
        assertThat(bucket.tryAcquire(1, SECOND / 10)).isZero();
        assertThat(bucket.tryAcquire(1, SECOND / 10)).isPositive();
        assertThat(bucket.peek(1, SECOND)).isZero();
    }

    @Test
    void fractional_rates_and_large_requests() {
        TokenBucket slow = new TokenBucket(0.5, 0);
        assertThat(slow.tryAcquire(1, 0)).isZero();
        assertThat(slow.tryAcquire(1, 0)).isEqualTo(2 * SECOND);
        TokenBucket bucket = new TokenBucket(2, 0);
        assertThat(bucket.tryAcquire(5, 0)).as("more than a burst: allowed when full, then a debt").isZero();
        assertThat(bucket.tryAcquire(1, SECOND)).isPositive();
    }

    @Test
    void rate_limiter_keeps_one_bucket_per_key_and_resets_on_a_new_rate() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(now::get);
        assertThat(limiter.acquire("a", 1, 1)).isZero();
        assertThat(limiter.acquire("a", 1, 1)).isPositive();
        assertThat(limiter.acquire("b", 1, 1)).isZero();
        assertThat(limiter.acquire("a", 5, 1)).as("policy changed: a new bucket").isZero();
        now.addAndGet(SECOND);
        assertThat(limiter.peek("a", 5, 1)).isZero();
    }

    @Test
    void over_five_seconds_a_key_gets_about_rate_times_five() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(now::get);
        int accepted = 0;
        for (int ms = 0; ms < 5000; ms++) { // 1000 attempts per second
            now.set(ms * 1_000_000L);
            if (limiter.acquire("k", 10, 1) == 0) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(59, 60); // 10 burst + 10/s × 5 s (≈ 49.9)
    }
}
