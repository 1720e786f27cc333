package io.sesame.reputation.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sesame.reputation.control.SnsSignature;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The SNS signing certificates, by URL: fetched over HTTPS from the SNS host named in the message (after the URL
 * passed {@link SnsSignature#checkSnsUrl}) and cached; or, when sesame.sns.certificates-dir is set, read only
 * from that folder by file name (pinned certificates, for hosts without internet access — and for tests).
 * The cache is keyed by a URL from the (not yet verified) message: bounded to {@link #MAX_CACHED} certificates
 * (size eviction keeps the ones in use) and each kept at most {@link #CACHE_FOR}, so a rotated certificate is
 * fetched again.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SnsCertificates {

    static final int MAX_CACHED = 64;
    static final int MAX_BYTES = 64 * 1024;
    static final Duration CACHE_FOR = Duration.ofDays(1);

    @Inject
    ReputationSettings reputationSettings;

    private final Cache<URI, X509Certificate> cache = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED)
            .expireAfterWrite(CACHE_FOR)
            .build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @throws IllegalArgumentException when the certificate cannot be had or is not valid now */
    public X509Certificate get(URI url) {
        X509Certificate cert = cache.getIfPresent(url);
        if (cert == null) {
            // Loaded outside the cache's lock: a slow fetch must not block lookups of other URLs.
            cert = load(url);
            cache.put(url, cert);
        }
        try {
            cert.checkValidity();
        } catch (GeneralSecurityException e) {
            cache.invalidate(url);
            throw new IllegalArgumentException("SigningCertURL: the certificate is expired or not yet valid");
        }
        return cert;
    }

    private X509Certificate load(URI url) {
        byte[] pem;
        if (reputationSettings.snsCertificatesDir().isPresent()) {
            String name = Path.of(url.getPath()).getFileName().toString();
            Path file = reputationSettings.snsCertificatesDir().get().resolve(name);
            if (!file.normalize().startsWith(reputationSettings.snsCertificatesDir().get().normalize()) || !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("SigningCertURL: " + name + " is not among the pinned certificates");
            }
            try {
                pem = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("SigningCertURL: the pinned certificate cannot be read");
            }
        } else {
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IllegalArgumentException("SigningCertURL: SNS answered HTTP " + response.statusCode());
                    }
                    pem = in.readNBytes(MAX_BYTES);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("SigningCertURL: the certificate could not be fetched (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("SigningCertURL: interrupted");
            }
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("SigningCertURL: not an X.509 certificate");
        }
    }
}
