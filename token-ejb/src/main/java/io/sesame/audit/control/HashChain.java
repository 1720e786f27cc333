package io.sesame.audit.control;

import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.control.Digests;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The audit hash chain's arithmetic: an event's canonical content (fixed field order, JSON), its SHA-256, and an
 * entry's hash over its position, its event and the previous entry's hash (keyed since version 2).
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String CALL = "call";
    public static final String LIFECYCLE = "lifecycle";

    private HashChain() {
    }

    public static String contentHash(CallEvent e) {
        return sha256(canonicalV1(e));
    }

    /**
     * Version 1 of a call event's canonical content, frozen: every event sealed so far was hashed in this form, so it must
     * never change with the export format ({@link CallEventFormat}), which may. A new field means a version 2 chosen by
     * the entry, not an edit here. (Version 1 happens to be the JSON export of its day: field order, lower-case decision,
     * numbers as integers, absent values left out.)
     */
    static String canonicalV1(CallEvent e) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", "call");
        number(json, "id", e.getId());
        optional(json, "occurredAt", e.getOccurredAt() == null ? null : e.getOccurredAt().toString());
        optional(json, "requestId", e.getRequestId());
        optional(json, "applicationId", e.getApplicationId());
        optional(json, "keyId", e.getKeyId());
        optional(json, "jti", e.getJti());
        optional(json, "action", e.getAction());
        optional(json, "decision", e.getDecision().name().toLowerCase(java.util.Locale.ROOT));
        optional(json, "reasonCodes", e.getReasonCodes());
        optional(json, "reasonDetail", e.getReasonDetail());
        optional(json, "from", e.getFromAddress());
        number(json, "recipientCount", e.getRecipientCount());
        optional(json, "recipientDomains", e.getRecipientDomains());
        optional(json, "recipients", e.getRecipients());
        optional(json, "template", e.getTemplate());
        optional(json, "configurationSet", e.getConfigurationSet());
        optional(json, "transport", e.getTransport());
        optional(json, "sesMessageId", e.getSesMessageId());
        optional(json, "sesError", e.getSesError());
        optional(json, "clientIp", e.getClientIp());
        optional(json, "userAgent", e.getUserAgent());
        number(json, "latencyMs", e.getLatencyMs());
        return json.build().toString();
    }

    private static void number(JsonObjectBuilder json, String name, Number value) {
        if (value != null) {
            json.add(name, value.longValue());
        }
    }

    public static String contentHash(LifecycleEvent e) {
        return sha256(canonicalV1(e));
    }

    /** Version 1 of a lifecycle event's canonical content, frozen like {@link #canonicalV1(CallEvent)}. */
    static String canonicalV1(LifecycleEvent e) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        number(json, "id", e.getId());
        json.add("occurredAt", e.getOccurredAt().toString())
                .add("actor", e.getActor())
                .add("action", e.getAction())
                .add("targetType", e.getTargetType());
        optional(json, "targetId", e.getTargetId());
        optional(json, "detail", e.getDetail());
        optional(json, "sourceIp", e.getSourceIp());
        optional(json, "requestId", e.getRequestId());
        return json.build().toString();
    }

    /** A lifecycle event as the search shows it (free to change: the chain hashes {@link #canonicalV1(LifecycleEvent)}). */
    public static JsonObjectBuilder json(LifecycleEvent e) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (e.getId() != null) {
            json.add("id", e.getId());
        }
        json.add("occurredAt", e.getOccurredAt().toString())
                .add("actor", e.getActor())
                .add("action", e.getAction())
                .add("targetType", e.getTargetType());
        optional(json, "targetId", e.getTargetId());
        optional(json, "detail", e.getDetail());
        optional(json, "sourceIp", e.getSourceIp());
        optional(json, "requestId", e.getRequestId());
        return json;
    }

    /** Version 1 entries (sealed before keyed entries): SHA-256 anyone can recompute. Verified, never written any more. */
    public static String entryHash(long seq, String eventType, long eventId, String contentHash, String prevHash) {
        return sha256(prevHash + "|" + seq + "|" + eventType + "|" + eventId + "|" + contentHash);
    }

    /** The version every new entry is sealed with. */
    public static final int CURRENT_VERSION = 2;

    /** Purpose name of the version-2 key, derived from the pepper (which the database does not hold). */
    public static final String KEY_PURPOSE = "audit-chain-v2";

    /**
     * Version 2: HMAC-SHA-256 under the chain key over the same fields, so that someone who can write the database but
     * does not hold the pepper cannot edit an entry and recompute the chain after it.
     */
    public static String keyedEntryHash(byte[] key, long seq, String eventType, long eventId, String contentHash, String prevHash) {
        return Digests.hmacSha256Hex(key, "v2|" + prevHash + "|" + seq + "|" + eventType + "|" + eventId + "|" + contentHash);
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    static String sha256(String text) {
        return Digests.sha256Hex(text);
    }
}
