package io.sesame.alert.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A notification of an alert waiting to go out, going out again after a failure, delivered or given up on.
 * Written with the alert and sent by the dispatcher afterwards, so a slow or dead sink never holds up a request.
 */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery {

    public enum Channel { WEBHOOK, EMAIL }

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "alert_id", nullable = false)
    private long alertId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Channel channel;

    @Column(nullable = false, length = 1000)
    private String target;

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

    protected AlertDelivery() {
    }

    public AlertDelivery(long alertId, Channel channel, String target, Instant at) {
        this.alertId = alertId;
        this.channel = channel;
        this.target = target;
        this.status = Status.PENDING;
        this.nextAttemptAt = at;
    }

    public void delivered(Instant at) {
        attempts++;
        status = Status.DELIVERED;
        deliveredAt = at;
        lastError = null;
    }

    /** A failed attempt: try again at {@code next}, or give up when it is null. */
    public void failed(String error, Instant next) {
        attempts++;
        lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (next == null) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = next;
        }
    }

    public Long getId() { return id; }
    public long getAlertId() { return alertId; }
    public Channel getChannel() { return channel; }
    public String getTarget() { return target; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public Instant getDeliveredAt() { return deliveredAt; }
}
