package io.sesame.audit.control;

import io.sesame.platform.control.Digests;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The newest chain entry as exported outside the database (a file in the data directory), signed with HMAC-SHA-256
 * under a key derived from the pepper. Someone who can write the database but not this file cannot delete the newest
 * entries, or rewrite the chain, without the next verification saying so.
 */
public record ChainHead(long seq, String entryHash, Instant sealedAt, Instant exportedAt) {

    public static final String KEY_PURPOSE = "audit-head-v1";

    public static ChainHead of(long seq, String entryHash, Instant sealedAt, Instant exportedAt) {
        return new ChainHead(seq, entryHash, sealedAt.truncatedTo(ChronoUnit.MICROS), exportedAt.truncatedTo(ChronoUnit.MICROS));
    }

    String canonical() {
        return "sesame-audit-head|" + seq + "|" + entryHash + "|" + sealedAt + "|" + exportedAt;
    }

    /** The file's content: the head and its signature. */
    public String toJson(byte[] key) {
        return Json.createObjectBuilder().add("seq", seq).add("entryHash", entryHash).add("sealedAt", sealedAt.toString())
                .add("exportedAt", exportedAt.toString()).add("signature", Digests.hmacSha256Hex(key, canonical())).build().toString();
    }

    /**
     * Reads an exported head.
     *
     * @throws IllegalArgumentException when it is unreadable or its signature does not match (edited or forged)
     */
    public static ChainHead parse(String json, byte[] key) {
        ChainHead head;
        String signature;
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            head = new ChainHead(o.getJsonNumber("seq").longValueExact(), o.getString("entryHash"), Instant.parse(o.getString("sealedAt")),
                    Instant.parse(o.getString("exportedAt")));
            signature = o.getString("signature");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the exported audit head is unreadable: " + e.getMessage(), e);
        }
        if (!Digests.constantTimeEquals(Digests.hmacSha256Hex(key, head.canonical()), signature)) {
            throw new IllegalArgumentException("the exported audit head's signature does not match (edited or forged)");
        }
        return head;
    }
}
