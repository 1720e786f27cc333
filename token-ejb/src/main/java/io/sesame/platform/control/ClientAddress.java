package io.sesame.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is, when proxies stand in front: the TCP peer, unless it is a trusted proxy — then the right-most
 * address in the forwarding header that is not itself a trusted proxy (each proxy appends the address it saw, so
 * everything left of the last untrusted hop was written by the client and proves nothing). One function, used for IP
 * allowlists, the audit, throttles, alerts and sign-in alike.
 */
public final class ClientAddress {

    /** What a client is called when the hop that names it wrote no address (e.g. {@code unknown}, {@code _hidden}). */
    public static final String UNKNOWN = "unknown";

    /** Hops read from the right; a longer chain of trusted proxies is not a deployment, and its left end proves nothing. */
    static final int MAX_HOPS = 32;

    /** Which header the proxies write: only that one is read, because a proxy passes the other through from the client. */
    public enum Header {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        private final String headerName;

        Header(String headerName) {
            this.headerName = headerName;
        }

        public String headerName() {
            return headerName;
        }

        /** @throws IllegalArgumentException naming the allowed values */
        public static Header parse(String name) {
            for (Header h : values()) {
                if (h.headerName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return h;
                }
            }
            throw new IllegalArgumentException("sesame.http.client-ip-header must be X-Forwarded-For or Forwarded (is '" + name + "')");
        }
    }

    private ClientAddress() {
    }

    /**
     * The address a network check that grants access (the operator endpoints) may go by: the resolved client, or
     * null when the request says nothing reliable about it — it carries a forwarding header but came from a peer that
     * is no trusted proxy (a proxy Sesame was not told about stands in front, so the peer's address is the proxy's, not
     * the client's), or a trusted proxy named no client (its own address would pass for one).
     */
    public static String forNetworkCheck(String peer, String resolved, boolean forwardingHeaderPresent, List<Cidr> trusted) {
        String client = peer == null ? null : normalise(peer);
        boolean peerTrusted = client != null && trusted.stream().anyMatch(c -> c.contains(client));
        if (!peerTrusted && forwardingHeaderPresent) {
            return null;
        }
        if (peerTrusted && (resolved == null || resolved.equals(client) || UNKNOWN.equals(resolved))) {
            return null;
        }
        return UNKNOWN.equals(resolved) ? null : resolved;
    }

    /**
     * @param peer    the address of the TCP peer
     * @param values  the header's values in the order received (several headers are one list, RFC 9110 5.3)
     * @param trusted the proxies whose word is taken
     * @return a normalised address literal, or {@link #UNKNOWN}
     */
    public static String resolve(String peer, Header header, List<String> values, List<Cidr> trusted) {
        String client = normalise(peer);
        if (trusted.isEmpty() || !isTrusted(client, trusted) || values == null || values.isEmpty()) {
            return client;
        }
        List<String> hops = hops(header, values);
        for (int i = hops.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            String hop = normalise(hops.get(i));
            if (UNKNOWN.equals(hop) || !isTrusted(hop, trusted)) {
                return hop;
            }
            client = hop;
        }
        // every hop was a trusted proxy: the left-most is the client (an internal caller), unless the chain was too long
        return hops.size() > MAX_HOPS ? UNKNOWN : client;
    }

    private static boolean isTrusted(String address, List<Cidr> trusted) {
        for (Cidr network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The addresses a header lists, left to right, as written (ports and brackets still on). */
    static List<String> hops(Header header, List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String element : value.split(",", -1)) {
                hops.add(header == Header.FORWARDED ? forwardedFor(element) : element.strip());
            }
        }
        return hops;
    }

    /** The {@code for=} parameter of one RFC 7239 element ({@code for="[2001:db8::1]:4711";proto=https}). */
    private static String forwardedFor(String element) {
        String value = forwardedParameter(element, "for");
        return value == null ? UNKNOWN : value; // an element without for= names no one
    }

    /** One parameter of an RFC 7239 element, unquoted, or null. */
    static String forwardedParameter(String element, String name) {
        for (String pair : element.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /**
     * Whether the client reached Sesame over HTTPS (it decides HSTS): the connection is TLS, or a trusted proxy terminated
     * TLS and says so in the configured header — the last value of {@code X-Forwarded-Proto}, or {@code proto=} of the
     * last {@code Forwarded} element: the nearest proxy's own word.
     *
     * @param forwardedValues the configured header's values; {@code protoValues} those of X-Forwarded-Proto
     */
    public static boolean isHttps(String peer, boolean secureConnection, Header header, List<String> forwardedValues,
                                  List<String> protoValues, List<Cidr> trusted) {
        if (secureConnection) {
            return true;
        }
        if (trusted.isEmpty() || !isTrusted(normalise(peer), trusted)) {
            return false;
        }
        List<String> values = header == Header.FORWARDED ? forwardedValues : protoValues;
        if (values == null || values.isEmpty()) {
            return false;
        }
        String last = values.get(values.size() - 1);
        last = last.substring(last.lastIndexOf(',') + 1);
        String proto = header == Header.FORWARDED ? forwardedParameter(last, "proto") : last.strip();
        return "https".equalsIgnoreCase(proto);
    }

    /** An address literal in Java's canonical form, its port and brackets dropped; anything else is {@link #UNKNOWN}. */
    static String normalise(String address) {
        if (address == null) {
            return UNKNOWN;
        }
        String a = address.strip();
        if (a.startsWith("[")) { // [v6] or [v6]:port
            int close = a.indexOf(']');
            a = close < 0 ? "" : a.substring(1, close);
        } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':') && a.indexOf('.') > 0) {
            a = a.substring(0, a.indexOf(':')); // v4:port
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.isEmpty() || a.length() > 45) {
            return UNKNOWN;
        }
        try {
            return InetAddress.getByAddress(Cidr.literal(a)).getHostAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
