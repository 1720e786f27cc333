package io.sesame.alert.control;

import io.sesame.platform.control.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs webhook bodies so a receiver can tell Sesame's notifications from forgeries and replays:
 * header {@code Sesame-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "t.body" under the shared secret>}.
 * The same scheme as Stripe's, so receivers know it.
 */
public final class WebhookSignature {

    public static final String HEADER = "Sesame-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /** For receivers (and tests): the signature matches and is no older than the tolerance. */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                try {
                    t = Long.parseLong(part.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        return Digests.constantTimeEquals(hmac(secret, t + "." + body), v1);
    }

    private static String hmac(String secret, String text) {
        return Digests.hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8), text);
    }
}
