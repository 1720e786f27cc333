package io.sesame.signal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed security event on its way to one receiver (the outbox row). */
@Entity
@Table(name = "security_event_delivery")
public class SecurityEventDelivery {

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "lifecycle_event_id", nullable = false)
    private long lifecycleEventId;

    @Column(nullable = false, length = 500)
    private String receiver;

    @Column(nullable = false, length = 64)
    private String jti;

    @Column(name = "event_type", nullable = false, length = 200)
    private String eventType;

    @Column(name = "subject_id", length = 100)
    private String subjectId;

    /** The SET's claims as JSON; signed when pushed (a key revoked meanwhile must not strand the event). */
    @Column(name = "set_claims", nullable = false, length = 8000)
    private String claims;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SecurityEventDelivery() {
    }

    public SecurityEventDelivery(long lifecycleEventId, String receiver, String jti, String eventType, String subjectId, String claims,
                                 Instant now) {
        this.lifecycleEventId = lifecycleEventId;
        this.receiver = receiver;
        this.jti = jti;
        this.eventType = eventType;
        this.subjectId = subjectId;
        this.claims = claims;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    public void attempted(boolean ok, String detail, Instant next, Instant now) {
        attempts++;
        if (ok) {
            status = Status.DELIVERED;
            deliveredAt = now;
            lastError = null;
        } else {
            lastError = detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000));
            if (next == null) {
                status = Status.FAILED;
            } else {
                nextAttemptAt = next;
            }
        }
    }

    public Long getId() { return id; }
    public long getLifecycleEventId() { return lifecycleEventId; }
    public String getReceiver() { return receiver; }
    public String getJti() { return jti; }
    public String getEventType() { return eventType; }
    public String getSubjectId() { return subjectId; }
    public String getClaims() { return claims; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Instant getCreatedAt() { return createdAt; }
}
