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
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.sesame.federation.control.TrustRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Trusted issuers' signing keys: a pinned JWKS as given, else fetched (from the JWKS URL, or the {@code jwks_uri} of the
 * issuer's OpenID discovery document) with nimbus' caching source: cached for {@code sesame.federation.jwks-cache-seconds},
 * fetched again when a token names a key id not in the cache (the issuer rotated), at most once per
 * {@code sesame.federation.jwks-min-refetch-seconds} (30) per issuer, and
 * the last good set kept through an issuer's outage of up to an hour. Fetches follow no redirects and read at most 64 KiB.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    @Inject
    FederationSettings settings;

    private final Cache<String, JWKSource<SecurityContext>> sources = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterAccess(Duration.ofHours(6)).build();
    private DefaultResourceRetriever retriever;

    @PostConstruct
    void start() {
        retriever = new NoRedirects(settings.fetchTimeoutMs(), settings.fetchTimeoutMs(), MAX_DOCUMENT_BYTES);
    }

    /** The keys to verify a trust policy's workload tokens with. */
    public JWKSource<SecurityContext> of(TrustRules rules) {
        if (rules.pinnedJwks() != null) {
            return new ImmutableJWKSet<>(rules.pinnedJwks());
        }
        if (rules.jwksUri() != null) {
            return sources.get("jwks " + rules.jwksUri(), k -> fetched(rules.jwksUri()));
        }
        return sources.get("issuer " + rules.issuer(), k -> new Discovered(rules.issuer()));
    }

    private JWKSource<SecurityContext> fetched(URI jwksUri) {
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
     * The keys at the {@code jwks_uri} an issuer's discovery document names. The document is read when first needed and
     * again after a failure (at most every 30 s); its {@code issuer} must be exactly the trusted one (OpenID Connect
     * Discovery §4.3) and its {@code jwks_uri} must pass the same URL rules.
     */
    private final class Discovered implements JWKSource<SecurityContext> {
        private final URI issuer;
        private volatile JWKSource<SecurityContext> keys;
        private volatile Instant lastFailure = Instant.EPOCH;
        private volatile String lastProblem;

        Discovered(URI issuer) {
            this.issuer = issuer;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            JWKSource<SecurityContext> resolved = keys;
            if (resolved == null) {
                resolved = discover();
            }
            return resolved.get(selector, context);
        }

        private synchronized JWKSource<SecurityContext> discover() throws KeySourceException {
            if (keys != null) {
                return keys;
            }
            if (Duration.between(lastFailure, Instant.now()).getSeconds() < settings.jwksMinRefetchSeconds()) {
                throw new KeySourceException("discovery of " + issuer + " failed lately: " + lastProblem);
            }
            String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
            URI document = URI.create(base + ".well-known/openid-configuration");
            try {
                Map<String, Object> json = JSONObjectUtils.parse(retriever.retrieveResource(document.toURL()).getContent());
                if (!issuer.toString().equals(json.get("issuer"))) {
                    throw new IOException("the document's issuer is " + json.get("issuer") + ", not " + issuer);
                }
                if (!(json.get("jwks_uri") instanceof String jwksUri)) {
                    throw new IOException("the document has no jwks_uri");
                }
                URI checked;
                try {
                    checked = settings.issuerUrls().check(jwksUri, false);
                } catch (IllegalArgumentException e) {
                    throw new IOException("its jwks_uri " + e.getMessage());
                }
                keys = fetched(checked);
                return keys;
            } catch (IOException | ParseException | RuntimeException e) {
                lastFailure = Instant.now();
                lastProblem = e.getMessage();
                LOG.warning("OpenID discovery of trusted issuer " + issuer + " failed: " + e.getMessage());
                throw new KeySourceException("discovery of " + issuer + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** nimbus' retriever without redirects: a trusted URL cannot send Sesame elsewhere (an internal address, a file). */
    static final class NoRedirects extends DefaultResourceRetriever {
        NoRedirects(int connectTimeoutMs, int readTimeoutMs, int sizeLimit) {
            super(connectTimeoutMs, readTimeoutMs, sizeLimit);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }
}
