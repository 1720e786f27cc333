package io.sesame.policy.control;

/**
 * A token bucket: {@code ratePerSecond} refill, burst capacity of one second's worth (at least 1). Thread-safe.
 * Time is passed in (nanoseconds, monotonic) so the maths is tested without sleeping.
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, long nowNanos) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.max(1.0, ratePerSecond);
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /**
     * Takes {@code permits} if available.
     *
     * @return 0 when taken, else the nanoseconds to wait before they would be (nothing is taken)
     */
    public synchronized long tryAcquire(int permits, long nowNanos) {
        refill(nowNanos);
        if (permits > capacity) {
            // More than a burst can ever hold: allow it when the bucket is full, leaving a debt.
            if (tokens >= capacity) {
                tokens -= permits;
                return 0;
            }
            return nanosFor(capacity - tokens);
        }
        if (tokens >= permits) {
            tokens -= permits;
            return 0;
        }
        return nanosFor(permits - tokens);
    }

    /** Whether {@code permits} could be taken now, without taking them (dry run). */
    public synchronized long peek(int permits, long nowNanos) {
        refill(nowNanos);
        double needed = Math.min(permits, capacity);
        return tokens >= needed ? 0 : nanosFor(needed - tokens);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerSecond / 1e9);
            lastRefillNanos = nowNanos;
        }
    }

    private long nanosFor(double missing) {
        return (long) Math.ceil(missing / ratePerSecond * 1e9);
    }
}
