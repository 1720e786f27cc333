package io.sesame.user.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A person who signs in to the admin portal. The password is stored as a PBKDF2 hash only. */
@Entity
@Table(name = "admin_user")
@NamedQuery(name = AdminUser.COUNT, query = "select count(u) from AdminUser u")
public class AdminUser {

    public static final String COUNT = "AdminUser.count";

    @Id
    @Column(length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 500)
    private String passwordHash;

    /** Comma-separated {@link AdminRole} names. */
    @Column(nullable = false, length = 200)
    private String roles;

    @Column(nullable = false, length = 20)
    private String status;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Who created the account (null for accounts from before this was recorded). */
    @Column(name = "created_by", length = 200)
    private String createdBy;

    /** Who last changed its roles, or null. */
    @Column(name = "roles_changed_by", length = 200)
    private String rolesChangedBy;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    /** Moves on whenever sessions signed in before must end (disabled, roles or password changed). */
    @Column(name = "session_epoch", nullable = false)
    private long sessionEpoch;

    protected AdminUser() {
    }

    public AdminUser(String username, String passwordHash, Set<AdminRole> roles, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.status = "ACTIVE";
        this.createdAt = createdAt;
    }

    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public String getStatus() { return status; }
    public int getFailedLogins() { return failedLogins; }
    public Instant getLockedUntil() { return lockedUntil; }
    public Instant getLastLoginAt() { return lastLoginAt; }
    public Instant getCreatedAt() { return createdAt; }
    public long getSessionEpoch() { return sessionEpoch; }
    public String getCreatedBy() { return createdBy; }
    public String getRolesChangedBy() { return rolesChangedBy; }

    /** Records who created the account. */
    public void createdBy(String actor) {
        this.createdBy = actor;
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    public void loginSucceeded(Instant at) {
        failedLogins = 0;
        lockedUntil = null;
        lastLoginAt = at;
    }

    public void loginFailed(Instant lockUntil) {
        failedLogins++;
        if (lockUntil != null) {
            lockedUntil = lockUntil;
        }
    }

    public void setRoles(Set<AdminRole> roles) {
        this.roles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.sessionEpoch++;
    }

    /** New roles, and who gave them (an approver may not be an account the requester elevated). */
    public void setRoles(Set<AdminRole> roles, String changedBy) {
        setRoles(roles);
        this.rolesChangedBy = changedBy;
    }

    public void disable() {
        this.status = "DISABLED";
        this.sessionEpoch++;
    }

    public void enable() {
        this.status = "ACTIVE";
        this.failedLogins = 0;
        this.lockedUntil = null;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.sessionEpoch++;
    }

    public Set<AdminRole> getRoles() {
        Set<AdminRole> out = EnumSet.noneOf(AdminRole.class);
        Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(AdminRole::valueOf).forEach(out::add);
        return out;
    }
}
