package io.sesame.platform.control;

import java.net.InetAddress;

/** Addresses no outbound fetch Sesame makes on an admin's or a caller's word should reach (SSRF). */
public final class InternalAddresses {

    private InternalAddresses() {
    }

    /** Private, link-local, unspecified, multicast, carrier-grade NAT, reserved, IPv6 unique-local (loopback apart). */
    public static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        return (b[0] & 0xfe) == 0xfc;
    }
}
