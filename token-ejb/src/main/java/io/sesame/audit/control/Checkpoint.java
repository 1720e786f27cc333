package io.sesame.audit.control;

import io.sesame.audit.entity.AuditCheckpoint;
import io.sesame.platform.control.Digests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a retention purge leaves behind: the last chain entry it removed (its sequence number and hash, where the
 * remaining chain continues) and how much went, signed with HMAC-SHA-256 under a key only the server holds. A
 * verifier starts from the newest valid checkpoint; a forged or edited one, or one removed together with the
 * start of the chain, breaks verification.
 */
public record Checkpoint(long seq, String entryHash, Instant purgedBefore, long callEvents, long lifecycleEvents,
                         Instant createdAt) {

    /** Purpose name of the derived MAC key (see KeyHasher#deriveKey). */
    public static final String KEY_PURPOSE = "audit-checkpoint-v1";

    /** Times at the database's precision (microseconds), so the content signed is the content read back. */
    public static Checkpoint of(long seq, String entryHash, Instant purgedBefore, long callEvents, long lifecycleEvents,
                                Instant createdAt) {
        return new Checkpoint(seq, entryHash, purgedBefore.truncatedTo(ChronoUnit.MICROS), callEvents, lifecycleEvents,
                createdAt.truncatedTo(ChronoUnit.MICROS));
    }

    /** The checkpoint as stored, with its signature. */
    public AuditCheckpoint stored(String signature) {
        return new AuditCheckpoint(seq, entryHash, purgedBefore, callEvents, lifecycleEvents, createdAt, signature);
    }

    /** The signed content of a stored checkpoint. */
    public static Checkpoint of(AuditCheckpoint stored) {
        return new Checkpoint(stored.getSeq(), stored.getEntryHash(), stored.getPurgedBefore(), stored.getCallEvents(),
                stored.getLifecycleEvents(), stored.getCreatedAt());
    }

    public String sign(byte[] key) {
        return Digests.hmacSha256Hex(key, canonical());
    }

    /** Constant-time comparison of a stored signature with the one this content should have. */
    public boolean verify(byte[] key, String signature) {
        return Digests.constantTimeEquals(sign(key), signature);
    }

    String canonical() {
        return "sesame-audit-checkpoint|" + seq + "|" + entryHash + "|" + purgedBefore + "|" + callEvents + "|"
                + lifecycleEvents + "|" + createdAt;
    }
}
