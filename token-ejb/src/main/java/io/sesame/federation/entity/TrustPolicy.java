package io.sesame.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The trust conditions of a federated key (same id): which workload tokens it accepts. Written once: changing whom a
 * key trusts is a new trust policy (and the old one revoked), so that every token's trust is the one audited at issue.
 */
@Entity
@Table(name = "trust_policy")
public class TrustPolicy {

    @Id
    @Column(name = "key_id", length = 40)
    private String keyId;

    @Column(nullable = false, length = 500)
    private String issuer;

    @Column(nullable = false, length = 500)
    private String audience;

    @Column(name = "subject_pattern", nullable = false, length = 500)
    private String subjectPattern;

    @Column(name = "required_claims", nullable = false, length = 16000)
    private String requiredClaims;

    @Column(name = "jwks_uri", length = 500)
    private String jwksUri;

    @Column(name = "pinned_jwks", length = 65536)
    private String pinnedJwks;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    protected TrustPolicy() {
    }

    public TrustPolicy(String keyId, String issuer, String audience, String subjectPattern, String requiredClaims,
                       String jwksUri, String pinnedJwks, Instant createdAt, String createdBy) {
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
        this.subjectPattern = subjectPattern;
        this.requiredClaims = requiredClaims;
        this.jwksUri = jwksUri;
        this.pinnedJwks = pinnedJwks;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getKeyId() { return keyId; }
    public String getIssuer() { return issuer; }
    public String getAudience() { return audience; }
    public String getSubjectPattern() { return subjectPattern; }
    public String getRequiredClaims() { return requiredClaims; }
    public String getJwksUri() { return jwksUri; }
    public String getPinnedJwks() { return pinnedJwks; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
}
