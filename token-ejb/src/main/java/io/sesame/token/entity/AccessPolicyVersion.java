package io.sesame.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One immutable version of a key's access policy: permissions plus resource scope (JSON). */
@Entity
@Table(name = "access_policy")
@IdClass(AccessPolicyVersion.Id.class)
public class AccessPolicyVersion {

    @jakarta.persistence.Id
    @Column(name = "key_id", length = 40)
    private String keyId;

    @jakarta.persistence.Id
    @Column(name = "version")
    private int version;

    /** Space-separated action names, as in an OAuth scope. */
    @Column(nullable = false, length = 4000)
    private String permissions;

    @Column(name = "scope_json", nullable = false, length = 65535)
    private String scopeJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    protected AccessPolicyVersion() {
    }

    public AccessPolicyVersion(String keyId, int version, String permissions, String scopeJson,
                               Instant createdAt, String createdBy) {
        this.keyId = keyId;
        this.version = version;
        this.permissions = permissions;
        this.scopeJson = scopeJson;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getKeyId() { return keyId; }
    public int getVersion() { return version; }
    public String getPermissions() { return permissions; }
    public String getScopeJson() { return scopeJson; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }

    /** Composite key: (key id, version). */
    public static class Id implements Serializable {
        private static final long serialVersionUID = 1L;
        private String keyId;
        private int version;

        public Id() {
        }

        public Id(String keyId, int version) {
            this.keyId = keyId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && version == other.version && Objects.equals(keyId, other.keyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyId, version);
        }
    }
}
