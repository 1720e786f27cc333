package io.sesame.token.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Key ids looked up recently and not found: answered "no such key" without the database for a short while, so that a
 * flood of made-up key ids (at the token endpoint, in SigV4 headers, in forged tokens) costs no query each. Bounded;
 * a key created meanwhile is forgotten here at once (its issue invalidates its id, on every instance).
 */
public final class AbsentKeys {

    public static final Duration REMEMBERED = Duration.ofSeconds(30);
    public static final long MAX_ENTRIES = 100_000;

    private final Cache<String, Boolean> absent;

    public AbsentKeys() {
        this(MAX_ENTRIES, REMEMBERED, Ticker.systemTicker());
    }

    /** For tests: a bound, a lifetime and a clock of their choosing. */
    public AbsentKeys(long maximumSize, Duration remembered, Ticker ticker) {
        this.absent = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(remembered).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /** Whether the id was looked up and not found within the last {@link #REMEMBERED}. */
    public boolean knownAbsent(String keyId) {
        return keyId != null && absent.getIfPresent(keyId) != null;
    }

    public void remember(String keyId) {
        if (keyId != null) {
            absent.put(keyId, Boolean.TRUE);
        }
    }

    public void forget(String keyId) {
        if (keyId != null) {
            absent.invalidate(keyId);
        }
    }

    /** After missed cluster notices: ask the database again for everything. */
    public void forgetAll() {
        absent.invalidateAll();
    }

    long size() {
        absent.cleanUp();
        return absent.estimatedSize();
    }
}
