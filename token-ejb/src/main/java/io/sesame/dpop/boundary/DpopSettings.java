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

    private volatile Optional<URI> base;
    private volatile String problem;

    /**
     * The scheme, host and port clients address Sesame by (behind a proxy that rewrites them), or empty: then the request's
     * own (HTTPS as the trusted proxy reports it). Read once; an invalid value is a {@link #problem}.
     */
    public Optional<URI> publicBaseUrl() {
        if (base == null) {
            base = parse();
        }
        return base;
    }

    /** Why the DPoP settings cannot be used (DPoP is then refused with 503), or null. */
    public String problem() {
        publicBaseUrl();
        return problem;
    }

    private Optional<URI> parse() {
        String value = publicBaseUrl.map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new java.net.URISyntaxException(value, "must be scheme://host[:port] only");
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            problem = "sesame.dpop.public-base-url is not scheme://host[:port] (" + e.getReason() + ")";
            return Optional.empty();
        }
    }
}
