package io.sesame.federation.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs Sesame fetches an issuer's discovery document and keys from: https only, no user info, no fragment, at
 * most {@value #MAX_LENGTH} characters. Plain http only to a loopback address and only where the operator allows it
 * ({@code sesame.federation.allow-http-loopback}, for test doubles). No {@code file:} or other schemes: the retriever
 * would read local files.
 */
public final class IssuerUrls {

    public static final int MAX_LENGTH = 500;

    private final boolean allowHttpLoopback;
    private final boolean allowPrivate;

    public IssuerUrls(boolean allowHttpLoopback) {
        this(allowHttpLoopback, false);
    }

    /**
     * @param allowHttpLoopback loopback hosts (http or https) are allowed — for local test issuers only
     * @param allowPrivate      IP literals in private, link-local and other internal ranges are allowed (names are
     *                          resolved and checked at each fetch)
     */
    public IssuerUrls(boolean allowHttpLoopback, boolean allowPrivate) {
        this.allowHttpLoopback = allowHttpLoopback;
        this.allowPrivate = allowPrivate;
    }

    /**
     * @param issuer an issuer identifier (OIDC: no query either)
     * @return the URL, parsed
     * @throws IllegalArgumentException with the reason, safe to show the admin
     */
    public URI check(String url, boolean issuer) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("must be printable ASCII without spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an absolute URL with a host, without user info or fragment");
        }
        if (issuer && uri.getRawQuery() != null) {
            throw new IllegalArgumentException("an issuer has no query part (OpenID Connect Discovery §2)");
        }
        if (isLoopback(uri.getHost()) && !allowHttpLoopback) {
            throw new IllegalArgumentException("must not name a loopback host");
        }
        if (!allowPrivate && isInternalLiteral(uri.getHost())) {
            throw new IllegalArgumentException("names an internal address (sesame.federation.allow-private-addresses is off)");
        }
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && allowHttpLoopback && isLoopback(uri.getHost())) {
            return uri;
        }
        throw new IllegalArgumentException("must be https" + (allowHttpLoopback ? " (or http to a loopback address)" : ""));
    }

    private static boolean isInternalLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !h.contains(":")) {
            return false; // a name: resolved and checked at each fetch (no DNS lookup here)
        }
        try {
            return io.sesame.platform.control.InternalAddresses.internal(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !h.contains(":")) {
            return false; // a name: not resolved here (it could resolve anywhere later)
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
