package io.sesame.user.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} attempts per source within a sliding window: sign-in attempts per client address, so one
 * address cannot spray passwords across many accounts (the per-account lockout does not see that).
 */
public final class AttemptWindow {

    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public AttemptWindow(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Records an attempt from {@code source}; false (not recorded) when the source is over its limit. */
    public boolean tryAttempt(String source, Instant now) {
        Deque<Instant> times = attempts.computeIfAbsent(source == null ? "?" : source, s -> new ArrayDeque<>());
        synchronized (times) {
            Instant horizon = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
        }
        if (attempts.size() > 10_000) {
            prune(now);
        }
        return true;
    }

    /** Forgets sources with no attempt in the window (bounded memory under a spray from many addresses). */
    void prune(Instant now) {
        Instant horizon = now.minus(window);
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = attempts.entrySet().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next().getValue();
            synchronized (times) {
                if (times.isEmpty() || !times.peekLast().isAfter(horizon)) {
                    it.remove();
                }
            }
        }
    }

    int sources() {
        return attempts.size();
    }
}
