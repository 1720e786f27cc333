package io.sesame.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A JWT signing key; the private half is stored sealed, never in plaintext. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    @Column(length = 40)
    private String kid;

    @Column(nullable = false, length = 10)
    private String algorithm;

    @Column(name = "public_jwk", nullable = false, length = 4000)
    private String publicJwk;

    @Column(name = "private_jwk_sealed", nullable = false, length = 4000)
    private String privateJwkSealed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    private Instant activatesAt;

    @Column(name = "retires_at")
    private Instant retiresAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected SigningKey() {
    }

    public SigningKey(String kid, String algorithm, String publicJwk, String privateJwkSealed, Instant createdAt,
                      Instant activatesAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.privateJwkSealed = privateJwkSealed;
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
    }

    public String getKid() { return kid; }
    public String getAlgorithm() { return algorithm; }
    public String getPublicJwk() { return publicJwk; }
    public String getPrivateJwkSealed() { return privateJwkSealed; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getActivatesAt() { return activatesAt; }
    public Instant getRetiresAt() { return retiresAt; }
    public Instant getExpiresAt() { return expiresAt; }

    public void retire(Instant at, Instant expiry) {
        this.retiresAt = at;
        this.expiresAt = expiry;
    }
}
