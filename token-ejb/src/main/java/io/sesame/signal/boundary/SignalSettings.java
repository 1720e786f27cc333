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
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                continue; // not a URL: left out (the start-up log lists the receivers in use)
            }
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
            if ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && allowHttpLoopback && loopback)) {
                out.add(uri);
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
