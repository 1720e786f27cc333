package io.sesame.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation (a bare address is a /32 or /128). Literals only: no DNS. */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "': prefix length must be 0.." + max);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** Parses an address literal; never resolves names. */
    public static byte[] literal(String address) {
        if (address == null || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
        if (IPV4.matcher(address).matches() && java.util.Arrays.stream(address.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            // not a literal, and InetAddress would look such a name up in DNS
            throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
        }
    }

    public boolean contains(String address) {
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(candidate, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF00 >> bits));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefix == other.prefix && java.util.Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
