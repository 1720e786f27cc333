package io.sesame.policy.control;

/**
 * A token bucket kept as one number: the instant at which the bucket will be full again (the "theoretical arrival
 * time" of GCRA). Refill is {@code ratePerSecond}, capacity one second's worth (at least 1 message). One long is
 * what makes the bucket shareable: an instance swaps it with a compare-and-set in the data grid, or in a local map.
 * Pure functions of (state, now): the maths is tested without sleeping. Times are nanoseconds on any one clock.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /** The result of a take: the new state, and 0 when taken, else the nanoseconds until it would be. */
    public record Take(long fullAt, long waitNanos) {
        public boolean taken() {
            return waitNanos == 0;
        }
    }

    /**
     * Takes {@code permits} from a bucket whose state is {@code fullAt} ({@code fullAt <= now}: full; a new bucket
     * is full). When not taken, the state is unchanged.
     */
    public static Take take(long fullAt, long now, double ratePerSecond, int permits) {
        double interval = intervalNanos(ratePerSecond);
        double capacity = capacity(ratePerSecond);
        long base = Math.max(fullAt, now);
        if (permits > capacity) {
            // More than a burst can ever hold: allowed when the bucket is full, leaving a debt.
            return fullAt <= now ? new Take(now + (long) Math.ceil(permits * interval), 0)
                    : new Take(fullAt, fullAt - now);
        }
        long next = base + (long) Math.ceil(permits * interval);
        long over = next - now - (long) Math.floor(capacity * interval);
        return over <= 0 ? new Take(next, 0) : new Take(fullAt, over);
    }

    /** Whether {@code permits} could be taken now (dry run): 0, else the nanoseconds to wait. */
    public static long peek(long fullAt, long now, double ratePerSecond, int permits) {
        int needed = (int) Math.min(permits, Math.floor(capacity(ratePerSecond)));
        return take(fullAt, now, ratePerSecond, Math.max(1, needed)).waitNanos();
    }

    static double capacity(double ratePerSecond) {
        return Math.max(1.0, ratePerSecond);
    }

    private static double intervalNanos(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a rate must be positive: " + ratePerSecond);
        }
        return 1e9 / ratePerSecond;
    }
}
