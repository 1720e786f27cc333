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

/** An access review: every live key in scope (all, or one application) gets a decision by one of the reviewers. */
@Entity
@Table(name = "review_campaign")
public class ReviewCampaign {

    public enum Status { OPEN, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "application_id", length = 40)
    private String applicationId;

    /** Comma-separated portal user names. */
    @Column(nullable = false, length = 2000)
    private String reviewers;

    @Column(name = "unused_days", nullable = false)
    private int unusedDays;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected ReviewCampaign() {
    }

    public ReviewCampaign(String name, String applicationId, List<String> reviewers, int unusedDays, Instant dueAt,
                          String createdBy, Instant createdAt) {
        this.name = name;
        this.applicationId = applicationId;
        this.reviewers = String.join(",", reviewers);
        this.unusedDays = unusedDays;
        this.dueAt = dueAt;
        this.status = Status.OPEN;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public void close(Instant at) {
        status = Status.CLOSED;
        closedAt = at;
    }

    public boolean isReviewer(String username) {
        return getReviewers().contains(username);
    }

    public List<String> getReviewers() {
        return Arrays.stream(reviewers.split(",")).filter(s -> !s.isBlank()).toList();
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getApplicationId() { return applicationId; }
    public int getUnusedDays() { return unusedDays; }
    public Instant getDueAt() { return dueAt; }
    public Status getStatus() { return status; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getClosedAt() { return closedAt; }
}
