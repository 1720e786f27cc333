package io.sesame.alert.control;

import io.sesame.alert.entity.AlertKind;

/**
 * A rule in force: its threshold and actions, and where it was set (global default, an application or a key).
 *
 * @param id the stored override's id, or null for the built-in default
 */
public record AlertRule(Long id, AlertKind kind, String applicationId, String keyId, double threshold, boolean enabled,
                        boolean autoSuspend, boolean notifyWebhook, boolean notifyEmail) {

    public static AlertRule builtIn(AlertKind kind) {
        return new AlertRule(null, kind, null, null, kind.defaultThreshold(), true, kind.suspendsByDefault(), true, true);
    }

    public String scope() {
        return keyId != null ? "key" : applicationId != null ? "application" : "global";
    }

    /** Most specific first: a key's own rule, then its application's, then a global override, then the default. */
    public static AlertRule effective(AlertKind kind, String applicationId, String keyId, Iterable<AlertRule> overrides) {
        AlertRule global = null;
        AlertRule application = null;
        for (AlertRule rule : overrides) {
            if (rule.kind() != kind) {
                continue;
            }
            if (rule.keyId() != null) {
                if (rule.keyId().equals(keyId)) {
                    return rule;
                }
            } else if (rule.applicationId() != null) {
                if (rule.applicationId().equals(applicationId)) {
                    application = rule;
                }
            } else {
                global = rule;
            }
        }
        return application != null ? application : global != null ? global : builtIn(kind);
    }

    /** The rule an override stores. */
    public static AlertRule of(io.sesame.alert.entity.AlertRuleOverride o) {
        return new AlertRule(o.getId(), o.getKind(), o.getApplicationId(), o.getKeyId(), o.getThreshold(), o.isEnabled(),
                o.isAutoSuspend(), o.isNotifyWebhook(), o.isNotifyEmail());
    }
}
