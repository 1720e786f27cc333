package io.sesame.token.boundary;

import io.sesame.token.control.ExchangeThrottle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** The instance's one {@link ExchangeThrottle} (per instance: a cluster of n instances allows n times the failures). */
@ApplicationScoped
public class ExchangeGuard {

    @Inject
    TokenSettings settings;

    private ExchangeThrottle throttle;

    @PostConstruct
    void build() {
        throttle = new ExchangeThrottle(settings.exchangeFailuresPerAddress(), settings.exchangeFailuresPerAddressAndKey(),
                Duration.ofMinutes(1));
    }

    public ExchangeThrottle throttle() {
        return throttle;
    }

    /**
     * A failed token request (client credentials or token exchange): counted against the address (and the address for
     * that key id); once over a limit, answered 429 {@code slow_down} with Retry-After instead, keeping the reason so that
     * its audit stays throttled. A correct credential is never throttled, so nobody sharing an address (a NAT, a proxy)
     * with its owner can lock the owner out by failing on purpose.
     */
    public TokenService.Refused failed(String clientIp, String keyId, java.time.Instant now, TokenService.Refused refusal) {
        java.time.Duration wait = throttle.blockedFor(clientIp, keyId, now);
        if (wait.isZero()) {
            throttle.failed(clientIp, keyId, now);
            return refusal;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new TokenService.Refused(io.sesame.token.control.OAuthError.SLOW_DOWN, "too many failed token requests from this "
                + "address; retry in " + seconds + " s", refusal.reason(), refusal.keyId(), refusal.applicationId(), seconds);
    }
}
