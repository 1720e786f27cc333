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
 * A rule that fired for a key (or for Sesame as a whole). At most one alert per rule and key is open at a time:
 * while open, {@code openSlot} holds "kind|key" under a unique constraint, so repeats (on any node) only count
 * occurrences.
 */
@Entity
@Table(name = "alert")
public class Alert {

    public enum Status { OPEN, RESOLVED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    private AlertKind kind;

    @Column(name = "key_id", length = 40)
    private String keyId;

    @Column(name = "application_id", length = 40)
    private String applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "open_slot", length = 100, unique = true)
    private String openSlot;

    @Column(nullable = false, length = 1000)
    private String summary;

    private Double observed;

    private Double threshold;

    @Column(name = "first_seen", nullable = false)
    private Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    @Column(nullable = false)
    private int occurrences;

    @Column(name = "key_suspended", nullable = false)
    private boolean keySuspended;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by", length = 200)
    private String resolvedBy;

    protected Alert() {
    }

    public Alert(AlertKind kind, String keyId, String applicationId, String summary, Double observed, Double threshold, Instant at) {
        this.kind = kind;
        this.keyId = keyId;
        this.applicationId = applicationId;
        this.status = Status.OPEN;
        this.openSlot = slot(kind, keyId);
        this.summary = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
        this.observed = observed;
        this.threshold = threshold;
        this.firstSeen = at;
        this.lastSeen = at;
        this.occurrences = 1;
    }

    public static String slot(AlertKind kind, String keyId) {
        return kind.name() + "|" + (keyId == null ? "-" : keyId);
    }

    public void repeated(String summary, Double observed, Instant at) {
        this.summary = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
        this.observed = observed;
        this.lastSeen = at;
        this.occurrences++;
    }

    public void keySuspended() {
        this.keySuspended = true;
    }

    public void resolve(String by, Instant at) {
        this.status = Status.RESOLVED;
        this.openSlot = null;
        this.resolvedBy = by;
        this.resolvedAt = at;
    }

    public Long getId() { return id; }
    public AlertKind getKind() { return kind; }
    public String getKeyId() { return keyId; }
    public String getApplicationId() { return applicationId; }
    public Status getStatus() { return status; }
    public String getSummary() { return summary; }
    public Double getObserved() { return observed; }
    public Double getThreshold() { return threshold; }
    public Instant getFirstSeen() { return firstSeen; }
    public Instant getLastSeen() { return lastSeen; }
    public int getOccurrences() { return occurrences; }
    public boolean isKeySuspended() { return keySuspended; }
    public Instant getResolvedAt() { return resolvedAt; }
    public String getResolvedBy() { return resolvedBy; }
}
