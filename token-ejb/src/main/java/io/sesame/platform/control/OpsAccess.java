package io.sesame.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Who may read the operator endpoints (metrics, readiness details): a client address in the configured networks, or a
 * request carrying the configured operator token as a bearer token. The token is kept and compared as a SHA-256
 * digest, in constant time; with no token configured only the networks count. Anything unreadable admits no one.
 */
public final class OpsAccess {

    /** Operator tokens are secrets: shorter ones are refused at start-up. */
    public static final int MIN_TOKEN_LENGTH = 24;
    private static final String BEARER = "Bearer ";

    private final List<Cidr> networks;
    private final byte[] tokenDigest;

    private OpsAccess(List<Cidr> networks, byte[] tokenDigest) {
        this.networks = networks;
        this.tokenDigest = tokenDigest;
    }

    /** Admits no one: what an unreadable configuration gives. */
    public static OpsAccess nobody() {
        return new OpsAccess(List.of(), null);
    }

    /**
     * @param networks comma-separated CIDRs or addresses; {@code none} (or blank) for none
     * @param token    the operator token, or null/blank for none
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static OpsAccess of(String networks, String token) {
        List<Cidr> parsed = networks == null || networks.isBlank() || networks.strip().equalsIgnoreCase("none") ? List.of()
                : Arrays.stream(networks.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        byte[] digest = null;
        if (token != null && !token.isBlank()) {
            if (token.strip().length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("sesame.ops.token must be at least " + MIN_TOKEN_LENGTH + " characters");
            }
            digest = sha256(token.strip());
        }
        return new OpsAccess(parsed, digest);
    }

    /** Whether this client (its resolved address) with this Authorization header may read the operator endpoints. */
    public boolean admits(String clientAddress, String authorization) {
        if (clientAddress != null && networks.stream().anyMatch(n -> n.contains(clientAddress))) {
            return true;
        }
        if (tokenDigest == null || authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    public List<Cidr> networks() {
        return networks;
    }

    public boolean tokenConfigured() {
        return tokenDigest != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
