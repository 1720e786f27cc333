package io.sesame.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An application's long-lived credential. Only a keyed hash of the secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "application_id", nullable = false, length = 40)
    private String applicationId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private KeyStatus status;

    @Column(name = "policy_version", nullable = false)
    private int policyVersion;

    /** Every key produced by rotating the same original shares its id (reuse detection revokes them all). */
    @Column(name = "family_id", nullable = false, length = 40)
    private String familyId;

    @Column(name = "rotated_from", length = 40)
    private String rotatedFrom;

    @Column(name = "grace_until")
    private Instant graceUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "last_used_ip", length = 64)
    private String lastUsedIp;

    @Column(name = "last_used_action", length = 100)
    private String lastUsedAction;

    @Column(name = "expiry_warned_days")
    private Integer expiryWarnedDays;

    @Column(name = "unused_flagged_at")
    private Instant unusedFlaggedAt;

    /** {@code api-key} (a secret the holder presents) or {@code federated} (no secret: a trust policy's workload tokens). */
    @Column(nullable = false, length = 20)
    private String credential = API_KEY;

    public static final String API_KEY = "api-key";
    public static final String FEDERATED = "federated";

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected ApiKey() {
    }

    public ApiKey(String id, String applicationId, String name, String secretHash, int policyVersion,
                  Instant createdAt, String createdBy, Instant expiresAt) {
        this.id = id;
        this.applicationId = applicationId;
        this.name = name;
        this.secretHash = secretHash;
        this.status = KeyStatus.ACTIVE;
        this.policyVersion = policyVersion;
        this.familyId = id;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    /** The SigV4 secret, sealed (AES-GCM): needed in clear to verify signatures, so encrypted, not hashed. */
    @Column(name = "sigv4_secret", length = 300)
    private String sigv4Secret;

    public void sealSigV4Secret(String sealed) {
        this.sigv4Secret = sealed;
    }

    public String getSealedSigV4Secret() { return sigv4Secret; }

    /**
     * A key for a trust policy: it has no secret (its hash column holds a marker no HMAC output can equal) and no SigV4
     * secret, so only token exchange can act as it.
     */
    public static ApiKey federated(String id, String applicationId, String name, int policyVersion, Instant createdAt,
                                   String createdBy, Instant expiresAt) {
        ApiKey key = new ApiKey(id, applicationId, name, "federated:no-secret", policyVersion, createdAt, createdBy, expiresAt);
        key.credential = FEDERATED;
        return key;
    }

    public String getCredential() { return credential; }
    public boolean isFederated() { return FEDERATED.equals(credential); }

    public String getId() { return id; }
    public String getApplicationId() { return applicationId; }
    public String getName() { return name; }
    public String getSecretHash() { return secretHash; }
    public KeyStatus getStatus() { return status; }
    public int getPolicyVersion() { return policyVersion; }
    public String getFamilyId() { return familyId; }
    public String getRotatedFrom() { return rotatedFrom; }
    public Instant getGraceUntil() { return graceUntil; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRevokedAt() { return revokedAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public String getLastUsedIp() { return lastUsedIp; }
    public String getLastUsedAction() { return lastUsedAction; }
    public Integer getExpiryWarnedDays() { return expiryWarnedDays; }
    public Instant getUnusedFlaggedAt() { return unusedFlaggedAt; }

    /** A key created by rotating {@code predecessor}: same family, so reuse detection can revoke them together. */
    public static ApiKey rotatedFrom(ApiKey predecessor, String id, String secretHash, int policyVersion,
                                     Instant createdAt, String createdBy) {
        ApiKey next = new ApiKey(id, predecessor.applicationId, predecessor.name, secretHash, policyVersion,
                createdAt, createdBy, predecessor.expiresAt);
        next.familyId = predecessor.familyId;
        next.rotatedFrom = predecessor.id;
        return next;
    }

    public void extendTo(Instant newExpiry) {
        this.expiresAt = newExpiry;
    }

    /**
     * Stores the state the key state machine ({@code token.control.KeyLifecycle}) decided; only the key services call
     * this (ArchitectureTest), so every transition is one of the machine's.
     */
    public void moveTo(KeyStatus status, Instant graceUntil, Instant revokedAt) {
        this.status = status;
        this.graceUntil = graceUntil;
        this.revokedAt = revokedAt;
    }

    public void changePolicyVersion(int version) {
        this.policyVersion = version;
    }

    public void recordUse(Instant at, String ip, String action) {
        this.lastUsedAt = at;
        this.lastUsedIp = ip;
        this.lastUsedAction = action;
        this.unusedFlaggedAt = null;
    }

    public void warnedOfExpiry(int daysBefore) {
        this.expiryWarnedDays = daysBefore;
    }

    public void flagUnused(Instant at) {
        this.unusedFlaggedAt = at;
    }
}
