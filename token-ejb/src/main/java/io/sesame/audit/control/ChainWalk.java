package io.sesame.audit.control;

import java.time.Instant;

/**
 * Verifies the audit chain link by link, from its start or a retention checkpoint, and against the newest head that
 * was exported outside the database. What it catches, each named in the reason:
 * <ul>
 * <li>an event edited or deleted after sealing (its content hash no longer matches);</li>
 * <li>a chain entry edited, or a run of them deleted from the middle (a gap in the sequence, or a broken link);</li>
 * <li>entries rewritten by someone holding the database but not the chain key: keyed entries (version 2) carry an
 * HMAC under a key derived from the pepper, which is not in the database, and an unkeyed entry may not follow a keyed
 * one;</li>
 * <li>the newest entries deleted (truncation), which leaves a sound but shorter chain: the exported head still names
 * the last entry it saw.</li>
 * </ul>
 * Feed it the entries in sequence order ({@link #accept}), then {@link #finish}.
 */
public final class ChainWalk {

    /** One chain entry as stored. */
    public record Link(long seq, int version, String eventType, long eventId, String contentHash, String prevHash,
                       String entryHash, Instant sealedAt) {
    }

    /** Where the chain broke first. */
    public record Break(long seq, String eventType, long eventId, Instant sealedAt, String reason) {
    }

    /** The verdict: entries verified, the first break (null when sound), and whether an exported head was matched. */
    public record Outcome(long verified, Break brokenAt, HeadCheck head) {
        public boolean ok() {
            return brokenAt == null;
        }
    }

    /** What the comparison with the exported head found. */
    public enum HeadCheck { MATCHED, NONE_EXPORTED, BEFORE_RETENTION }

    private final byte[] chainKey;
    private final ChainHead head;
    private long expectedSeq;
    private String prev;
    private boolean keyedSeen;
    private long verified;
    private Break broken;
    private boolean headMatched;

    /**
     * @param chainKey the key of version-2 entries
     * @param startSeq the first sequence number expected (1, or a checkpoint's + 1)
     * @param startPrev the hash the first entry must link to (genesis, or the checkpoint's)
     * @param head     the newest head exported outside the database (its signature already checked), or null
     */
    public ChainWalk(byte[] chainKey, long startSeq, String startPrev, ChainHead head) {
        this.chainKey = chainKey;
        this.expectedSeq = startSeq;
        this.prev = startPrev;
        this.head = head;
    }

    /**
     * @param currentContentHash the content hash of the entry's event as it is now, or null when the event is gone
     * @return whether to go on (false once broken)
     */
    public boolean accept(Link link, String currentContentHash) {
        if (broken != null) {
            return false;
        }
        String problem = problemWith(link, currentContentHash);
        if (problem != null) {
            broken = new Break(link.seq(), link.eventType(), link.eventId(), link.sealedAt(), problem);
            return false;
        }
        if (head != null && link.seq() == head.seq()) {
            if (!link.entryHash().equals(head.entryHash())) {
                broken = new Break(link.seq(), link.eventType(), link.eventId(), link.sealedAt(), "entry " + link.seq()
                        + " is not the one exported at " + head.exportedAt() + ": the chain was rewritten since");
                return false;
            }
            headMatched = true;
        }
        keyedSeen |= link.version() >= 2;
        prev = link.entryHash();
        expectedSeq++;
        verified++;
        return true;
    }

    private String problemWith(Link link, String currentContentHash) {
        if (link.seq() != expectedSeq) {
            return link.seq() > expectedSeq
                    ? "entries " + expectedSeq + (link.seq() - 1 > expectedSeq ? ".." + (link.seq() - 1) : "") + " are missing (deleted)"
                    : "entry " + link.seq() + " is out of order";
        }
        if (link.version() < 2 && keyedSeen) {
            return "an unkeyed entry follows keyed ones: the chain was rewritten without its key";
        }
        if (!link.prevHash().equals(prev)) {
            return "the chain entry was altered (it does not link to entry " + (link.seq() - 1) + ")";
        }
        String expected = link.version() >= 2
                ? HashChain.keyedEntryHash(chainKey, link.seq(), link.eventType(), link.eventId(), link.contentHash(), link.prevHash())
                : HashChain.entryHash(link.seq(), link.eventType(), link.eventId(), link.contentHash(), link.prevHash());
        if (!io.sesame.platform.control.Digests.constantTimeEquals(expected, link.entryHash())) {
            return link.version() >= 2
                    ? "the chain entry was altered (its keyed hash does not match: recomputed without the chain key)"
                    : "the chain entry was altered";
        }
        if (currentContentHash == null) {
            return "the " + link.eventType() + " event was deleted";
        }
        if (!currentContentHash.equals(link.contentHash())) {
            return "the " + link.eventType() + " event was modified after it was sealed";
        }
        return null;
    }

    /** The verdict, once every entry was fed (or the walk stopped at a break). */
    public Outcome finish() {
        if (broken != null) {
            return new Outcome(verified, broken, null);
        }
        if (head == null) {
            return new Outcome(verified, null, HeadCheck.NONE_EXPORTED);
        }
        if (headMatched) {
            return new Outcome(verified, null, HeadCheck.MATCHED);
        }
        if (head.seq() >= expectedSeq) {
            long last = expectedSeq - 1;
            return new Outcome(verified, new Break(head.seq(), null, 0, head.sealedAt(), "entries " + expectedSeq
                    + (head.seq() > expectedSeq ? ".." + head.seq() : "") + " are missing: the newest entries were deleted "
                    + "(the head exported at " + head.exportedAt() + " names entry " + head.seq() + ", the chain ends at " + last + ")"),
                    null);
        }
        return new Outcome(verified, null, HeadCheck.BEFORE_RETENTION); // the exported entry was purged by retention since
    }
}
