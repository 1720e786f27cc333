package io.sesame.federation.boundary;

import io.sesame.federation.control.IssuerUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of workload identity federation ({@code sesame.federation.*}). */
@ApplicationScoped
public class FederationSettings {

    @Inject
    @ConfigProperty(name = "sesame.federation.allow-http-loopback", defaultValue = "false")
    boolean allowHttpLoopback;

    @Inject
    @ConfigProperty(name = "sesame.federation.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    @Inject
    @ConfigProperty(name = "sesame.federation.jwks-cache-seconds", defaultValue = "300")
    int jwksCacheSeconds;

    @Inject
    @ConfigProperty(name = "sesame.federation.jwks-min-refetch-seconds", defaultValue = "30")
    int jwksMinRefetchSeconds;

    @Inject
    @ConfigProperty(name = "sesame.federation.fetch-timeout-ms", defaultValue = "3000")
    int fetchTimeoutMs;

    @Inject
    @ConfigProperty(name = "sesame.federation.clock-skew-seconds", defaultValue = "60")
    int clockSkewSeconds;

    public IssuerUrls issuerUrls() {
        return new IssuerUrls(allowHttpLoopback, allowPrivateAddresses);
    }

    public boolean allowHttpLoopback() {
        return allowHttpLoopback;
    }

    /** Whether issuers' keys may be fetched from private, link-local or other internal addresses (an in-house IdP). */
    public boolean allowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public int jwksCacheSeconds() {
        return Math.max(10, jwksCacheSeconds);
    }

    /** The least time between two fetches of one issuer's keys (nimbus' rate limit), 1-300 s. */
    public int jwksMinRefetchSeconds() {
        return Math.max(1, Math.min(300, jwksMinRefetchSeconds));
    }

    public int fetchTimeoutMs() {
        return Math.max(100, Math.min(30_000, fetchTimeoutMs));
    }

    public int clockSkewSeconds() {
        return Math.max(0, Math.min(300, clockSkewSeconds));
    }
}
