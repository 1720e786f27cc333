package io.sesame.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of the audit hash chain: an event's content hash, chained to the previous entry. */
@Entity
@Table(name = "audit_chain")
public class AuditChainEntry {

    @Id
    private long seq;

    @Column(name = "event_type", nullable = false, length = 20)
    private String eventType;

    @Column(name = "event_id", nullable = false)
    private long eventId;

    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(name = "entry_hash", nullable = false, length = 64)
    private String entryHash;

    @Column(name = "sealed_at", nullable = false)
    private Instant sealedAt;

    /** 1: SHA-256 (entries sealed before keyed hashes); 2: HMAC-SHA-256 under the chain key. */
    @Column(name = "hash_version", nullable = false)
    private int hashVersion;

    protected AuditChainEntry() {
    }

    public AuditChainEntry(long seq, int hashVersion, String eventType, long eventId, String contentHash, String prevHash,
                           String entryHash, Instant sealedAt) {
        this.hashVersion = hashVersion;
        this.seq = seq;
        this.eventType = eventType;
        this.eventId = eventId;
        this.contentHash = contentHash;
        this.prevHash = prevHash;
        this.entryHash = entryHash;
        this.sealedAt = sealedAt;
    }

    public long getSeq() { return seq; }
    public String getEventType() { return eventType; }
    public long getEventId() { return eventId; }
    public String getContentHash() { return contentHash; }
    public String getPrevHash() { return prevHash; }
    public String getEntryHash() { return entryHash; }
    public Instant getSealedAt() { return sealedAt; }
    public int getHashVersion() { return hashVersion; }
}
