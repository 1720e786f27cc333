package io.sesame.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An append-only record of a change to Sesame's state: who did what to which object, when and from where. */
@Entity
@Table(name = "lifecycle_event")
public class LifecycleEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(nullable = false, length = 60)
    private String action;

    @Column(name = "target_type", nullable = false, length = 40)
    private String targetType;

    @Column(name = "target_id", length = 100)
    private String targetId;

    @Column(length = 4000)
    private String detail;

    @Column(name = "source_ip", length = 64)
    private String sourceIp;

    @Column(name = "request_id", length = 64)
    private String requestId;

    /** Whether the event is in the hash chain (not part of its content). */
    @Column(nullable = false)
    private boolean sealed;

    protected LifecycleEvent() {
    }

    public LifecycleEvent(Instant occurredAt, String actor, String action, String targetType, String targetId,
                          String detail, String sourceIp, String requestId) {
        this.occurredAt = occurredAt;
        this.actor = AuditText.bounded(actor, 200);
        this.action = AuditText.bounded(action, 60);
        this.targetType = AuditText.bounded(targetType, 40);
        this.targetId = AuditText.bounded(targetId, 100);
        this.detail = AuditText.bounded(detail, 4000);
        this.sourceIp = AuditText.bounded(sourceIp, 64);
        this.requestId = AuditText.bounded(requestId, 64);
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getTargetType() { return targetType; }
    public String getTargetId() { return targetId; }
    public String getDetail() { return detail; }
    public String getSourceIp() { return sourceIp; }
    public String getRequestId() { return requestId; }

    public boolean isSealed() { return sealed; }

    public void seal() { this.sealed = true; }
}
