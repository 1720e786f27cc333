package io.sesame.dpop.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of DPoP ({@code sesame.dpop.*}). */
@ApplicationScoped
public class DpopSettings {

    @Inject
    @ConfigProperty(name = "sesame.dpop.proof-window-seconds", defaultValue = "60")
    int proofWindowSeconds;

    @Inject
    @ConfigProperty(name = "sesame.dpop.clock-skew-seconds", defaultValue = "5")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "sesame.dpop.public-base-url")
    Optional<String> publicBaseUrl;

    /** How old a proof may be (10-300 s); proofs are remembered this long plus the skew, to refuse a replay. */
    public Duration proofWindow() {
        return Duration.ofSeconds(Math.max(10, Math.min(300, proofWindowSeconds)));
    }

    public Duration clockSkew() {
        return Duration.ofSeconds(Math.max(0, Math.min(60, clockSkewSeconds)));
    }

    /**
     * The scheme, host and port clients address Sesame by (behind a proxy that rewrites them), or empty: then the request's
     * own (HTTPS as the trusted proxy reports it).
     */
    public Optional<URI> publicBaseUrl() {
        return publicBaseUrl.filter(u -> !u.isBlank()).map(URI::create);
    }
}
