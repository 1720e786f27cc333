package io.sesame.platform.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * At most {@code max} attempts per source within a sliding window: sign-in attempts per client address, so one
 * address cannot spray passwords across many accounts (the per-account lockout does not see that); failed token
 * exchanges per address and per address and key.
 * Bounded memory under a spray from many addresses: a source idle for a whole window is forgotten (all its attempts
 * slid out anyway), and at most {@link #MAX_SOURCES} sources are tracked (Caffeine's size eviction, which keeps the
 * frequently seen sources, such as an address that keeps trying, and drops one-off ones first).
 */
public final class AttemptWindow {

    static final long MAX_SOURCES = 100_000;

    private final int max;
    private final Duration window;
    private final Cache<String, Deque<Instant>> cache;
    private final ConcurrentMap<String, Deque<Instant>> attempts;

    public AttemptWindow(int max, Duration window) {
        this(max, window, MAX_SOURCES, ForkJoinPool.commonPool());
    }

    /** For tests: a smaller bound, and {@code Runnable::run} to evict synchronously (deterministically). */
    AttemptWindow(int max, Duration window, long maxSources, Executor executor) {
        this.max = max;
        this.window = window;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSources)
                .expireAfterAccess(window)
                .executor(executor)
                .build();
        this.attempts = cache.asMap();
    }

    /** Records an attempt from {@code source}; false (not recorded) when the source is over its limit. */
    public boolean tryAttempt(String source, Instant now) {
        Deque<Instant> times = attempts.computeIfAbsent(source == null ? "?" : source, s -> new ArrayDeque<>());
        synchronized (times) {
            slide(times, now);
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
        }
        return true;
    }

    /**
     * How long until {@code source} may try again, without recording anything: zero while it has room in the window,
     * else the time until its oldest attempt slides out.
     */
    public Duration blockedFor(String source, Instant now) {
        Deque<Instant> times = attempts.get(source == null ? "?" : source);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            slide(times, now);
            return times.size() < max ? Duration.ZERO : Duration.between(now.minus(window), times.peekFirst());
        }
    }

    /** Drops the attempts that slid out of the window (the caller holds the deque's lock). */
    private void slide(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
    }

    /** Forgets sources with no attempt in the window (the cache also does so on its own, by idle time). */
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
        cache.cleanUp();
        return attempts.size();
    }
}
