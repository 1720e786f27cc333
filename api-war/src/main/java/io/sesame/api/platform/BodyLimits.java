package io.sesame.api.platform;

/**
 * How large a request body may be, per endpoint, and how many body bytes all requests together may hold at once.
 * Plain Java (no container types), so the rules are unit-tested. Paths are relative to the API war ({@code /v1/…},
 * {@code /ses/…}).
 *
 * @param tokenEndpoints OAuth token, introspection and revocation: a form with a key or a token
 * @param notifications  the SNS endpoint: SNS delivers at most 256 KiB to HTTPS, inside a JSON envelope that escapes it
 * @param sends          sends and the SES-compatible endpoint: the largest message as base64, plus its JSON
 * @param other          everything else (administration, templates)
 * @param inFlight       body bytes that all requests in progress may hold together (bounds the heap under a flood)
 */
public record BodyLimits(long tokenEndpoints, long notifications, long sends, long other, long inFlight) {

    /** SNS's own limit for a message body. */
    public static final long SNS_MESSAGE_BYTES = 256 * 1024;

    /** Defaults sized from the largest message a send may carry ({@code messageBytes} before base64). */
    public static BodyLimits forMessagesOf(long messageBytes, long inFlight) {
        long base64 = (messageBytes + 2) / 3 * 4;
        return new BodyLimits(16 * 1024, 2 * SNS_MESSAGE_BYTES, base64 + 512 * 1024, 1024 * 1024, inFlight);
    }

    /** The limit for a request to {@code path} (servlet path + path info). */
    public long forPath(String path) {
        if (path.startsWith("/v1/oauth/")) {
            return tokenEndpoints;
        }
        if (path.equals("/v1/ses/notifications")) {
            return notifications;
        }
        if (path.startsWith("/v1/emails") || path.startsWith("/ses/")) {
            return sends;
        }
        return other;
    }
}
