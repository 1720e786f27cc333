package io.sesame.leak.boundary;

import io.sesame.leak.control.ScannerSignature;
import io.sesame.platform.boundary.BoundedFetch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * GitHub's secret scanning public keys: pinned ({@code sesame.leaks.github.public-keys}), or fetched from
 * {@code sesame.leaks.github.keys-url} through a {@link BoundedFetch}, kept an hour, fetched again for an unknown key
 * identifier at most once a minute (GitHub rotates its keys; a flood of made-up identifiers costs one fetch a minute).
 */
@ApplicationScoped
public class ScannerKeys {

    private static final Logger LOG = Logger.getLogger(ScannerKeys.class.getName());
    static final Duration KEEP = Duration.ofHours(1);
    static final Duration MIN_REFETCH = Duration.ofMinutes(1);

    @Inject
    LeakSettings settings;

    private BoundedFetch fetch;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private volatile Instant lastAttempt = Instant.EPOCH;

    @PostConstruct
    void start() {
        fetch = new BoundedFetch(Duration.ofSeconds(5), 64 * 1024, settings.allowHttpLoopback(), false);
        settings.githubPinnedKeys().ifPresent(pinned -> keys = ScannerSignature.keyList(parse(pinned)));
    }

    @PreDestroy
    void stop() {
        fetch.close();
    }

    /** The key GitHub names, or null when it is not (or cannot now be) known. */
    public PublicKey key(String identifier) {
        if (identifier == null || identifier.length() > 200) {
            return null;
        }
        PublicKey key = keys.get(identifier);
        if (key != null && (settings.githubPinnedKeys().isPresent() || Duration.between(fetchedAt, Instant.now()).compareTo(KEEP) < 0)) {
            return key;
        }
        if (settings.githubPinnedKeys().isPresent()) {
            return null;
        }
        refresh();
        return keys.get(identifier);
    }

    private synchronized void refresh() {
        Instant now = Instant.now();
        if (Duration.between(lastAttempt, now).compareTo(MIN_REFETCH) < 0) {
            return;
        }
        lastAttempt = now;
        try {
            keys = ScannerSignature.keyList(parse(fetch.retrieveResource(new URL(settings.githubKeysUrl())).getContent()));
            fetchedAt = now;
        } catch (Exception e) {
            LOG.warning("GitHub's secret scanning keys could not be fetched from " + settings.githubKeysUrl() + ": "
                    + io.sesame.platform.control.Printable.line(String.valueOf(e.getMessage()), 300));
        }
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
