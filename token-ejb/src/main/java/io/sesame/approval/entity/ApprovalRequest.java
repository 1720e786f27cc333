package io.sesame.approval.entity;

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
 * A change waiting for a second admin (four-eyes): a new key, a policy change that widens a key's access, a new portal
 * account or an account's new roles. Approved key and account requests are collected by their requester, who alone
 * sees the new key (or first password), once; policy and role changes apply on approval.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    public enum Kind { ISSUE_KEY, CHANGE_POLICY, CREATE_USER, CHANGE_ROLES, ROTATE_KEY }

    public enum Status { PENDING, APPROVED, REJECTED, ISSUED, APPLIED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Kind kind;

    @Column(name = "application_id", length = 40)
    private String applicationId;

    @Column(name = "key_id", length = 40)
    private String keyId;

    @Column(name = "key_name", length = 200)
    private String keyName;

    @Column(name = "expires_days")
    private Integer expiresDays;

    @Column(name = "policy_json", length = 20000)
    private String policyJson;

    @Column(length = 2000)
    private String reason;

    /** The account a CREATE_USER or CHANGE_ROLES request is about. */
    @Column(length = 100)
    private String username;

    /** The roles it asks for, comma-separated. */
    @Column(length = 100)
    private String roles;

    /** For a policy change: the key's policy version it was asked against (approving it later must not undo a change since). */
    @Column(name = "base_policy_version")
    private Integer basePolicyVersion;

    /** For a rotation: the old key's grace. */
    @Column(name = "grace_seconds")
    private Long graceSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "requested_by", nullable = false, length = 200)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_note", length = 2000)
    private String decisionNote;

    @Column(name = "result_key_id", length = 40)
    private String resultKeyId;

    protected ApprovalRequest() {
    }

    public ApprovalRequest(Kind kind, String applicationId, String keyId, String keyName, Integer expiresDays, String policyJson,
                           String reason, String requestedBy, Instant requestedAt) {
        this.kind = kind;
        this.applicationId = applicationId;
        this.keyId = keyId;
        this.keyName = keyName;
        this.expiresDays = expiresDays;
        this.policyJson = policyJson;
        this.reason = reason;
        this.status = Status.PENDING;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    /** A request about a portal account: create it with these roles, or give it these roles. */
    public static ApprovalRequest forAccount(Kind kind, String username, String roles, String reason, String requestedBy, Instant requestedAt) {
        ApprovalRequest request = new ApprovalRequest(kind, null, null, null, null, null, reason, requestedBy, requestedAt);
        request.username = username;
        request.roles = roles;
        return request;
    }

    /** A rotation of a key by someone who does not hold its secret. */
    public static ApprovalRequest forRotation(String applicationId, String keyId, long graceSeconds, String reason, String requestedBy,
                                              Instant requestedAt) {
        ApprovalRequest request = new ApprovalRequest(Kind.ROTATE_KEY, applicationId, keyId, null, null, null, reason, requestedBy, requestedAt);
        request.graceSeconds = graceSeconds;
        return request;
    }

    public void against(int policyVersion) {
        this.basePolicyVersion = policyVersion;
    }

    public void decide(Status status, String by, String note, Instant at) {
        this.status = status;
        this.decidedBy = by;
        this.decisionNote = note;
        this.decidedAt = at;
    }

    public void completed(Status status, String resultKeyId) {
        this.status = status;
        this.resultKeyId = resultKeyId;
    }

    public Long getId() { return id; }
    public Kind getKind() { return kind; }
    public String getApplicationId() { return applicationId; }
    public String getKeyId() { return keyId; }
    public String getKeyName() { return keyName; }
    public Integer getExpiresDays() { return expiresDays; }
    public String getPolicyJson() { return policyJson; }
    public String getReason() { return reason; }
    public Status getStatus() { return status; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecisionNote() { return decisionNote; }
    public String getResultKeyId() { return resultKeyId; }
    public String getUsername() { return username; }
    public String getRoles() { return roles; }
    public Integer getBasePolicyVersion() { return basePolicyVersion; }
    public Long getGraceSeconds() { return graceSeconds; }
}
