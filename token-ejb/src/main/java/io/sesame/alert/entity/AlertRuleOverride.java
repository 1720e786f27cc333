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

/** An alert rule set for all keys, one application or one key, replacing the built-in default. */
@Entity
@Table(name = "alert_rule")
public class AlertRuleOverride {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    private AlertKind kind;

    @Column(name = "application_id", length = 40)
    private String applicationId;

    @Column(name = "key_id", length = 40)
    private String keyId;

    /** Where the rule applies, as one comparable value: "global", "application:<id>" or "key:<id>" (unique per kind). */
    @Column(name = "scope_ref", nullable = false, length = 60)
    private String scopeRef;

    @Column(nullable = false)
    private double threshold;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "auto_suspend", nullable = false)
    private boolean autoSuspend;

    @Column(name = "notify_webhook", nullable = false)
    private boolean notifyWebhook;

    @Column(name = "notify_email", nullable = false)
    private boolean notifyEmail;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 200)
    private String updatedBy;

    protected AlertRuleOverride() {
    }

    public AlertRuleOverride(AlertKind kind, String applicationId, String keyId) {
        this.kind = kind;
        this.applicationId = applicationId;
        this.keyId = keyId;
        this.scopeRef = scopeRef(applicationId, keyId);
    }

    public static String scopeRef(String applicationId, String keyId) {
        return keyId != null ? "key:" + keyId : applicationId != null ? "application:" + applicationId : "global";
    }

    public void set(double threshold, boolean enabled, boolean autoSuspend, boolean notifyWebhook, boolean notifyEmail,
                    Instant at, String by) {
        this.threshold = threshold;
        this.enabled = enabled;
        this.autoSuspend = autoSuspend;
        this.notifyWebhook = notifyWebhook;
        this.notifyEmail = notifyEmail;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public Long getId() { return id; }
    public String getApplicationId() { return applicationId; }
    public String getKeyId() { return keyId; }
    public double getThreshold() { return threshold; }
    public boolean isEnabled() { return enabled; }
    public boolean isAutoSuspend() { return autoSuspend; }
    public boolean isNotifyWebhook() { return notifyWebhook; }
    public boolean isNotifyEmail() { return notifyEmail; }
    public AlertKind getKind() { return kind; }
    public String getScopeRef() { return scopeRef; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
