package io.sesame.token.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Access tokens whose signature has been verified, until they expire. An application presents the same token for
 * minutes, and an ES256 verification costs about a millisecond of CPU on a small machine (the largest single cost of
 * a request, see BENCHMARKS.md): verifying each token once is what makes the per-request decision microseconds.
 * Only the signature, type, issuer, audience and expiry are cached; revocation, key state and policy version are
 * checked on every request. Bounded: at most {@link #MAX_ENTRIES} tokens (Caffeine's size eviction, which keeps the
 * tokens in use and drops the rarely seen ones), each forgotten when it expires.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final int MAX_ENTRIES = 50_000;

    /** The claims, and how long they stay valid from when they were cached (the token's exp minus the caller's now). */
    private record Verified(JWTClaimsSet claims, long ttlNanos) {
    }

    /** Each entry lives until its token's expiry; a read or a re-put does not extend it. */
    private static final class UntilExpiry implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String token, Verified verified, long currentTime) {
            return verified.ttlNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Verified verified, long currentTime, long currentDuration) {
            return verified.ttlNanos();
        }

        @Override
        public long expireAfterRead(String token, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    private final Cache<String, Verified> verified;

    public VerifiedTokens() {
        this(MAX_ENTRIES, ForkJoinPool.commonPool());
    }

    /** For tests: a smaller bound, and {@code Runnable::run} to evict synchronously (deterministically). */
    VerifiedTokens(long maximumSize, Executor executor) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .executor(executor)
                .expireAfter(new UntilExpiry())
                .build();
    }

    /** The claims of a token verified before and not yet expired, or null. */
    public JWTClaimsSet get(String token, Instant now) {
        Verified entry = verified.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        JWTClaimsSet claims = entry.claims();
        // The cache expires entries on its own clock; the caller's clock decides.
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            verified.invalidate(token);
            return null;
        }
        return claims;
    }

    /** Remembers a verified token until its expiry; a token without expiry, or expired already, is not remembered. */
    public void put(String token, JWTClaimsSet claims, Instant now) {
        if (claims.getExpirationTime() == null) {
            return;
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (!now.isBefore(expiresAt)) {
            return;
        }
        long ttlNanos;
        try {
            ttlNanos = Duration.between(now, expiresAt).toNanos();
        } catch (ArithmeticException tooFar) {
            ttlNanos = Long.MAX_VALUE;
        }
        verified.put(token, new Verified(claims, ttlNanos));
    }

    /** Forgets every verified token: after a signing key is revoked, each token must prove its signature again. */
    public void clear() {
        verified.invalidateAll();
    }

    /** How many tokens are remembered, after pending evictions (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
