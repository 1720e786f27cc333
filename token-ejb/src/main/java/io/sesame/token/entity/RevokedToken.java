package io.sesame.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An access token revoked before its expiry (RFC 7009), remembered until it would have expired. */
@Entity
@Table(name = "revoked_token")
public class RevokedToken {

    @Id
    @Column(length = 64)
    private String jti;

    @Column(name = "key_id", nullable = false, length = 40)
    private String keyId;

    @Column(name = "revoked_at", nullable = false)
    private Instant revokedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected RevokedToken() {
    }

    public RevokedToken(String jti, String keyId, Instant revokedAt, Instant expiresAt) {
        this.jti = jti;
        this.keyId = keyId;
        this.revokedAt = revokedAt;
        this.expiresAt = expiresAt;
    }

    public String getJti() { return jti; }
    public String getKeyId() { return keyId; }
    public Instant getRevokedAt() { return revokedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
