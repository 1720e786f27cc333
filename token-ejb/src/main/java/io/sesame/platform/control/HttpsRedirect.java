package io.sesame.platform.control;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional redirect of plain HTTP to HTTPS ({@code sesame.http.https-redirect-port}): where a request that did not
 * come over HTTPS is sent, with 308 (method and body kept). Loopback clients are left alone — local tools, a health
 * probe on the host, the README's own curl examples — and so is anyone when the redirect is off. The host is taken
 * from the request only when it is a plain host name or address literal: never a Location a client could steer
 * elsewhere.
 */
public final class HttpsRedirect {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");

    private static final Cidr LOOPBACK_V4 = Cidr.parse("127.0.0.0/8");
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1");

    private final int httpsPort;

    /** @param httpsPort the HTTPS port to send clients to; 0 turns the redirect off */
    public HttpsRedirect(int httpsPort) {
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("sesame.http.https-redirect-port must be 0 (off) or a port, not " + httpsPort);
        }
        this.httpsPort = httpsPort;
    }

    public boolean enabled() {
        return httpsPort > 0;
    }

    /**
     * @param https        whether the client reached Sesame over HTTPS (directly, or as a trusted proxy says)
     * @param client       the resolved client address
     * @param host         the requested host name (no port)
     * @param pathAndQuery the request's path, as received (still encoded), with its query
     * @return where to redirect, or empty to serve the request as it is
     */
    public Optional<String> location(boolean https, String client, String host, String pathAndQuery) {
        if (!enabled() || https || isLoopback(client) || host == null || !HOST.matcher(host).matches()
                || pathAndQuery == null || !pathAndQuery.startsWith("/") || pathAndQuery.startsWith("//")
                || pathAndQuery.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return Optional.empty();
        }
        return Optional.of("https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + pathAndQuery);
    }

    static boolean isLoopback(String address) {
        return address != null && (LOOPBACK_V4.contains(address) || LOOPBACK_V6.contains(address));
    }
}
