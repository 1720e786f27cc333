package io.sesame.audit.entity;

import io.sesame.audit.control.Checkpoint;
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

    public AuditCheckpoint(Checkpoint checkpoint, String signature) {
        this.seq = checkpoint.seq();
        this.entryHash = checkpoint.entryHash();
        this.purgedBefore = checkpoint.purgedBefore();
        this.callEvents = checkpoint.callEvents();
        this.lifecycleEvents = checkpoint.lifecycleEvents();
        this.createdAt = checkpoint.createdAt();
        this.signature = signature;
    }

    public Checkpoint content() {
        return new Checkpoint(seq, entryHash, purgedBefore, callEvents, lifecycleEvents, createdAt);
    }

    public long getSeq() { return seq; }
    public String getSignature() { return signature; }
}
