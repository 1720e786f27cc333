package io.sesame.review.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One key in a review: what it was granted and did not use when the review started, and the decision on it. */
@Entity
@Table(name = "review_item")
public class ReviewItem {

    public enum Decision { PENDING, KEEP, REDUCE, REVOKE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "key_id", nullable = false, length = 40)
    private String keyId;

    @Column(name = "application_id", nullable = false, length = 40)
    private String applicationId;

    /** Space-separated actions granted when the review started. */
    @Column(nullable = false, length = 2000)
    private String granted;

    /** Space-separated granted actions not used in the campaign's period. */
    @Column(nullable = false, length = 2000)
    private String unused;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Decision decision;

    @Column(length = 2000)
    private String comment;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected ReviewItem() {
    }

    public ReviewItem(long campaignId, String keyId, String applicationId, String granted, String unused) {
        this.campaignId = campaignId;
        this.keyId = keyId;
        this.applicationId = applicationId;
        this.granted = granted;
        this.unused = unused;
        this.decision = Decision.PENDING;
    }

    public void decide(Decision decision, String comment, String by, Instant at) {
        this.decision = decision;
        this.comment = comment;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    public List<String> getGrantedActions() {
        return Arrays.stream(granted.split(" ")).filter(s -> !s.isBlank()).toList();
    }

    public List<String> getUnusedActions() {
        return Arrays.stream(unused.split(" ")).filter(s -> !s.isBlank()).toList();
    }

    public Long getId() { return id; }
    public long getCampaignId() { return campaignId; }
    public String getKeyId() { return keyId; }
    public String getApplicationId() { return applicationId; }
    public Decision getDecision() { return decision; }
    public String getComment() { return comment; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
}
