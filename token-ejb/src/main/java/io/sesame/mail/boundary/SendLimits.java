package io.sesame.mail.boundary;

import io.sesame.policy.control.RateLimiter;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/** The per-instance rate limiter (token bucket per key). */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SendLimits {

    private final RateLimiter limiter = new RateLimiter(System::nanoTime);

    public long acquire(String keyId, double ratePerSecond, int messages) {
        return limiter.acquire(keyId, ratePerSecond, messages);
    }

    public long peek(String keyId, double ratePerSecond, int messages) {
        return limiter.peek(keyId, ratePerSecond, messages);
    }
}
