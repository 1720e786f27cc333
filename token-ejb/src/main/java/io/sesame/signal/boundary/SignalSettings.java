package io.sesame.signal.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of revocation push ({@code sesame.signals.*}). */
@ApplicationScoped
public class SignalSettings {

    @Inject
    @ConfigProperty(name = "sesame.signals.receivers")
    Optional<String> receivers;

    @Inject
    @ConfigProperty(name = "sesame.signals.interval-seconds", defaultValue = "5")
    int intervalSeconds;

    @Inject
    @ConfigProperty(name = "sesame.signals.retry-base-seconds", defaultValue = "30")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "sesame.federation.allow-http-loopback", defaultValue = "false")
    boolean allowHttpLoopback;

    /** The receivers' push endpoints (RFC 8935): https, or http to loopback where allowed (tests); others are left out. */
    public List<URI> receivers() {
        List<URI> out = new ArrayList<>();
        for (String r : receivers.orElse("").split(",")) {
            String value = r.strip();
            if (value.isEmpty() || value.length() > 500) {
                continue;
            }
            try { // the rules trusted issuers' URLs follow; receivers are the operator's own, so internal addresses are fine
                out.add(new io.sesame.federation.control.IssuerUrls(allowHttpLoopback, true).check(value, false));
            } catch (IllegalArgumentException e) {
                // not a usable URL: left out (the start-up log lists the receivers in use)
            }
        }
        return out;
    }

    public Duration interval() {
        return Duration.ofSeconds(Math.max(1, Math.min(300, intervalSeconds)));
    }

    public Duration retryBase() {
        return Duration.ofSeconds(Math.max(1, retryBaseSeconds));
    }
}
