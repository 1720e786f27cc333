package io.sesame.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What counts as one client for limits and lockouts: an IPv4 address, or an IPv6 /64 — one host is usually given a
 * whole /64 and can rotate through it, so counting single IPv6 addresses would give it billions of fresh budgets.
 */
public final class ClientNetworks {

    /** What an IPv6 literal may contain (a zone id too); anything else is never handed to InetAddress. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Za-z:.%\\[\\]]{2,64}");

    private ClientNetworks() {
    }

    /** The address, or for IPv6 its /64 ({@code 2001:0db8:0001:0002::/64}); anything unparsable as itself. */
    public static String of(String clientIp) {
        if (clientIp == null || clientIp.indexOf(':') < 0) {
            return String.valueOf(clientIp);
        }
        if (!LITERAL.matcher(clientIp).matches()) {
            return clientIp; // not an address literal: never resolved by name
        }
        try {
            byte[] a = InetAddress.getByName(clientIp).getAddress();
            if (a.length != 16) {
                return clientIp;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", a[i], a[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return clientIp;
        }
    }
}
