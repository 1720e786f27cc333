package io.sesame.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed record of a retention purge; the chain continues after its sequence number. */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    /** The last chain entry the purge removed. */
    @Id
    private long seq;

    @Column(name = "entry_hash", nullable = false, length = 64)
    private String entryHash;

    @Column(name = "purged_before", nullable = false)
    private Instant purgedBefore;

    @Column(name = "call_events", nullable = false)
    private long callEvents;

    @Column(name = "lifecycle_events", nullable = false)
    private long lifecycleEvents;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, length = 64)
    private String signature;

    protected AuditCheckpoint() {
    }

    public AuditCheckpoint(long seq, String entryHash, Instant purgedBefore, long callEvents, long lifecycleEvents,
                           Instant createdAt, String signature) {
        this.seq = seq;
        this.entryHash = entryHash;
        this.purgedBefore = purgedBefore;
        this.callEvents = callEvents;
        this.lifecycleEvents = lifecycleEvents;
        this.createdAt = createdAt;
        this.signature = signature;
    }

    public long getSeq() { return seq; }
    public String getEntryHash() { return entryHash; }
    public Instant getPurgedBefore() { return purgedBefore; }
    public long getCallEvents() { return callEvents; }
    public long getLifecycleEvents() { return lifecycleEvents; }
    public Instant getCreatedAt() { return createdAt; }
    public String getSignature() { return signature; }
}
