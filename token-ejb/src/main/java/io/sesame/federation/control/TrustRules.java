package io.sesame.federation.control;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a workload's OIDC token must show to be trusted: the exact issuer, an audience it was minted for, a subject
 * matching a pattern, and required claims (each a path of claim names separated by {@code /}, so Kubernetes'
 * {@code kubernetes.io/namespace} reaches into its nested object). The issuer's keys come from OIDC discovery, an
 * explicit JWKS URL, or a pinned JWKS (public keys only).
 */
public record TrustRules(URI issuer, String audience, ClaimPattern subject, Map<String, ClaimPattern> requiredClaims,
                         URI jwksUri, JWKSet pinnedJwks) {

    public static final int MAX_REQUIRED_CLAIMS = 20;
    public static final int MAX_CLAIM_PATH = 200;
    public static final int MAX_AUDIENCE = 500;
    public static final int MAX_PINNED_JWKS = 64 * 1024;
    public static final int MAX_PINNED_KEYS = 20;

    public TrustRules {
        requiredClaims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requiredClaims));
    }

    /** RFC 7638 thumbprints of the pinned keys (SHA-256, base64url), for the audit; empty when fetched. */
    public List<String> pinnedThumbprints() {
        if (pinnedJwks == null) {
            return List.of();
        }
        return pinnedJwks.getKeys().stream().map(k -> {
            try {
                return k.computeThumbprint().toString();
            } catch (com.nimbusds.jose.JOSEException e) {
                return "?";
            }
        }).toList();
    }

    /** The conditions in one line, for reviews and reports: issuer, subject, audience, claims. */
    public String summary() {
        StringBuilder line = new StringBuilder(issuer + " · subject " + subject + " · audience " + audience);
        requiredClaims.forEach((path, pattern) -> line.append(" · ").append(path).append('=').append(pattern));
        return line.toString();
    }

    /** How the issuer's keys are found, for display. */
    public String keySource() {
        return pinnedJwks != null ? "pinned" : jwksUri != null ? "jwks-uri" : "discovery";
    }

    /** Checks a required claim's path: 1-{@value #MAX_CLAIM_PATH} printable characters, no empty segment. */
    public static List<String> claimPath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_CLAIM_PATH) {
            throw new IllegalArgumentException("a claim path must be 1-" + MAX_CLAIM_PATH + " characters");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a claim path must not contain control characters");
        }
        List<String> segments = List.of(path.split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("claim path '" + path + "' has an empty segment");
        }
        return segments;
    }

    public static String audience(String audience) {
        if (audience == null || audience.isBlank() || audience.length() > MAX_AUDIENCE) {
            throw new IllegalArgumentException("must be 1-" + MAX_AUDIENCE + " characters");
        }
        if (audience.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("must not contain control or invisible format characters");
        }
        return audience;
    }

    /** A pinned JWKS: public keys only (a private key pasted by mistake is refused, not stored), with key ids. */
    public static JWKSet pinned(String json) {
        if (json.length() > MAX_PINNED_JWKS) {
            throw new IllegalArgumentException("must be at most " + MAX_PINNED_JWKS + " characters");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("is not a JWK set: " + e.getMessage());
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_PINNED_KEYS) {
            throw new IllegalArgumentException("must hold 1-" + MAX_PINNED_KEYS + " keys");
        }
        if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
            throw new IllegalArgumentException("holds a private key: pin the issuer's public keys only (nothing was stored)");
        }
        if (set.getKeys().stream().anyMatch(k -> k.getKeyType() != com.nimbusds.jose.jwk.KeyType.RSA
                && k.getKeyType() != com.nimbusds.jose.jwk.KeyType.EC)) {
            throw new IllegalArgumentException("holds a key that is neither RSA nor EC: only those public keys can be trusted");
        }
        if (set.getKeys().stream().anyMatch(k -> k.getKeyType() == com.nimbusds.jose.jwk.KeyType.RSA && k.size() < 2048)) {
            throw new IllegalArgumentException("holds an RSA key shorter than 2048 bits");
        }
        return set;
    }
}
