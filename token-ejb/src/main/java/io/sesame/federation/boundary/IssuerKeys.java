package io.sesame.federation.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import io.sesame.federation.control.TrustRules;
import io.sesame.platform.boundary.BoundedFetch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Trusted issuers' signing keys: a pinned JWKS as given, else fetched (from the JWKS URL, or the {@code jwks_uri} of the
 * issuer's OpenID discovery document, read again hourly) with nimbus' caching source: cached for
 * {@code sesame.federation.jwks-cache-seconds}, fetched again when a token names a key id not in the cache (the issuer
 * rotated), at most once per {@code sesame.federation.jwks-min-refetch-seconds} per issuer, and the last good set kept
 * through an issuer's outage of up to an hour. Every fetch is a {@link BoundedFetch}.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    static final Duration REDISCOVER_AFTER = Duration.ofHours(1);

    @Inject
    FederationSettings settings;

    private final Cache<String, JWKSource<SecurityContext>> sources = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterAccess(Duration.ofHours(6)).build();
    private BoundedFetch fetch;

    @PostConstruct
    void start() {
        fetch = new BoundedFetch(Duration.ofMillis(settings.fetchTimeoutMs()), MAX_DOCUMENT_BYTES, settings.allowHttpLoopback(),
                settings.allowPrivateAddresses());
    }

    @PreDestroy
    void stop() {
        fetch.close();
    }

    /** The keys to verify a trust policy's workload tokens with. */
    public JWKSource<SecurityContext> of(TrustRules rules) {
        if (rules.pinnedJwks() != null) {
            return new ImmutableJWKSet<>(rules.pinnedJwks());
        }
        if (rules.jwksUri() != null) {
            return sources.get("jwks " + rules.jwksUri(), k -> fetched(rules.jwksUri(), fetch, settings));
        }
        return sources.get("issuer " + rules.issuer(), k -> new Discovered(rules.issuer(), fetch, settings));
    }

    static JWKSource<SecurityContext> fetched(URI jwksUri, ResourceRetriever retriever, FederationSettings settings) {
        try {
            long refreshTimeout = settings.fetchTimeoutMs() * 2L;
            long ttl = Math.max(Duration.ofSeconds(settings.jwksCacheSeconds()).toMillis(), refreshTimeout + 1_000); // nimbus' rule
            return JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(), retriever)
                    .cache(ttl, refreshTimeout)
                    .refreshAheadCache(false)
                    .rateLimited(settings.jwksMinRefetchSeconds() * 1000L)
                    .outageTolerant(Duration.ofHours(1).toMillis())
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("checked at creation: " + jwksUri, e);
        }
    }

    /**
     * The keys at the {@code jwks_uri} an issuer's discovery document names. The document is read when first needed,
     * again an hour later (keeping the known URL if that fails) and after a failure at most every
     * {@code jwks-min-refetch-seconds}; its {@code issuer} must be exactly the trusted one (OpenID Connect Discovery §4.3)
     * and its {@code jwks_uri} must pass the same URL rules. One request at a time discovers; the others wait at most one
     * fetch deadline, then are answered "unavailable" instead of piling up behind a slow issuer.
     */
    static final class Discovered implements JWKSource<SecurityContext> {
        private final URI issuer;
        private final ResourceRetriever retriever;
        private final FederationSettings settings;
        private final ReentrantLock discovering = new ReentrantLock();
        private volatile JWKSource<SecurityContext> keys;
        private volatile Instant discoveredAt = Instant.EPOCH;
        private volatile Instant lastFailure = Instant.EPOCH;
        private volatile String lastProblem;

        Discovered(URI issuer, ResourceRetriever retriever, FederationSettings settings) {
            this.issuer = issuer;
            this.retriever = retriever;
            this.settings = settings;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            JWKSource<SecurityContext> resolved = keys;
            if (resolved == null || Duration.between(discoveredAt, Instant.now()).compareTo(REDISCOVER_AFTER) > 0) {
                resolved = discover(resolved);
            }
            return resolved.get(selector, context);
        }

        private JWKSource<SecurityContext> discover(JWKSource<SecurityContext> known) throws KeySourceException {
            boolean locked;
            try {
                locked = discovering.tryLock(settings.fetchTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                locked = false;
            }
            if (!locked) {
                if (known != null) {
                    return known;
                }
                throw new KeySourceException("discovery of " + issuer + " is in progress");
            }
            try {
                if (keys != null && keys != known) {
                    return keys; // another request discovered meanwhile
                }
                if (Duration.between(lastFailure, Instant.now()).getSeconds() < settings.jwksMinRefetchSeconds()) {
                    if (known != null) {
                        return known;
                    }
                    throw new KeySourceException("discovery of " + issuer + " failed lately: " + lastProblem);
                }
                keys = fetched(jwksUri(), retriever, settings);
                discoveredAt = Instant.now();
                return keys;
            } catch (IOException | ParseException | RuntimeException e) {
                lastFailure = Instant.now();
                lastProblem = printable(e.getMessage());
                LOG.warning("OpenID discovery of trusted issuer " + issuer + " failed: " + lastProblem);
                if (known != null) {
                    discoveredAt = Instant.now(); // keep the known keys for another hour
                    return known;
                }
                throw new KeySourceException("discovery of " + issuer + " failed: " + lastProblem, e);
            } finally {
                discovering.unlock();
            }
        }

        private URI jwksUri() throws IOException, ParseException {
            String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
            URI document = URI.create(base + ".well-known/openid-configuration");
            Map<String, Object> json = JSONObjectUtils.parse(retriever.retrieveResource(document.toURL()).getContent());
            if (!issuer.toString().equals(json.get("issuer"))) {
                throw new IOException("the document's issuer is not " + issuer);
            }
            if (!(json.get("jwks_uri") instanceof String jwksUri)) {
                throw new IOException("the document has no jwks_uri");
            }
            try {
                return settings.issuerUrls().check(jwksUri, false);
            } catch (IllegalArgumentException e) {
                throw new IOException("its jwks_uri " + e.getMessage());
            }
        }
    }

    /** Remote text made safe for one log line. */
    static String printable(String text) {
        return text == null ? "" : io.sesame.platform.control.Printable.line(text, 300);
    }
}
