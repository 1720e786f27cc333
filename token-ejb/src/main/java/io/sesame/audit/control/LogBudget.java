package io.sesame.audit.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for a noisy kind of event, with the count of those not logged in between: a flood
 * of refused requests from unknown callers must not flood the log (or the disk) as well.
 */
public final class LogBudget {

    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public LogBudget(java.time.Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether this event may be logged now; when it may, {@code onAllowed} gets how many were suppressed since the
     * last logged one. Lock-free: of concurrent callers, exactly one wins an interval.
     */
    public boolean tryLog(long nowNanos, java.util.function.LongConsumer onAllowed) {
        long next = nextAllowed.get();
        if ((next == Long.MIN_VALUE || nowNanos - next >= 0) && nextAllowed.compareAndSet(next, nowNanos + intervalNanos)) {
            onAllowed.accept(suppressed.getAndSet(0));
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }
}
