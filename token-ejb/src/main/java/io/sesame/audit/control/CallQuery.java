package io.sesame.audit.control;

import io.sesame.audit.entity.CallEvent;
import io.sesame.policy.control.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search over call events: filters, a time window and a keyset cursor (newest first, no OFFSET scans).
 * Built from request parameters with a clear error for each bad one.
 */
public record CallQuery(String applicationId, String keyId, String action, CallEvent.Decision decision, String reasonCode,
                        String clientIp, String sesMessageId, Instant from, Instant to, int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final Set<String> PARAMETERS = Set.of("application", "key", "action", "decision", "reason", "ip", "messageId",
            "from", "to", "limit", "cursor");

    /** Position after the last item of a page: (occurredAt, id), both descending. */
    public record Cursor(Instant occurredAt, long id) {

        public String encode() {
            String raw = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
                int colon = raw.indexOf(':');
                int dot = raw.indexOf('.');
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                        Long.parseLong(raw.substring(dot + 1, colon))), Long.parseLong(raw.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor returned by this API");
            }
        }
    }

    /** @throws IllegalArgumentException naming the parameter */
    public static CallQuery parse(Map<String, String> params) {
        rejectUnknown(params, PARAMETERS);
        CallEvent.Decision decision = null;
        String d = params.get("decision");
        if (d != null) {
            try {
                decision = CallEvent.Decision.valueOf(d.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("decision: one of allowed, denied, failed, pending");
            }
        }
        String reason = params.get("reason");
        if (reason != null && ReasonCode.ofCode(reason).isEmpty()) {
            throw new IllegalArgumentException("reason: not a reason code (e.g. from_not_allowed, rate_limited)");
        }
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        checkWindow(from, to);
        int limit = limit(params);
        Cursor cursor = params.get("cursor") == null ? null : Cursor.decode(params.get("cursor"));
        return new CallQuery(params.get("application"), params.get("key"), params.get("action"), decision, reason,
                params.get("ip"), params.get("messageId"), from, to, limit, cursor);
    }

    static void rejectUnknown(Map<String, String> params, Set<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown parameter (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    static void checkWindow(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to");
        }
    }

    static int limit(Map<String, String> params) {
        if (params.get("limit") == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(params.get("limit"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: a whole number");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    static Instant instant(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** The same filters without paging: for exports. */
    public CallQuery unpaged() {
        return new CallQuery(applicationId, keyId, action, decision, reasonCode, clientIp, sesMessageId, from, to,
                Integer.MAX_VALUE, null);
    }
}
