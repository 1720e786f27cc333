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
}
