package io.sesame.alert.entity;

/**
 * The alert rules Sesame knows, with their global defaults. A rule can be overridden for an application or a
 * key (most specific wins); the defaults here apply where nothing is overridden.
 */
public enum AlertKind {

    REQUESTS_PER_MINUTE("Requests per minute", "calls of one key in the last minute", 600, false),
    DENIALS_PER_MINUTE("Denials per minute", "denied calls of one key in the last minute", 20, false),
    RECIPIENTS_PER_DAY("Recipients per day", "recipients of one key's allowed sends since 00:00 UTC", 50_000, false),
    NEW_SOURCE_IP("New source IP", "a key used from an address it has not used in 30 days (threshold unused)", 1, false),
    VOLUME_VS_BASELINE("Volume above baseline", "calls this hour as a multiple of the key's median for the same hour over"
            + " the previous 7 days (at least 50 calls)", 5, false),
    ROTATED_KEY_REUSE("Rotated key reused", "a rotated key presented after its grace period (threshold unused)", 1, false),
    KEY_LEAKED("Key leaked", "a key's secret reported found in public by a secret scanner; the key is already revoked or "
            + "suspended (sesame.leaks.action), and the key's application contact is told too (threshold unused)", 1, false),
    KEY_EXPIRING("Key expiring soon", "a key reached an expiry warning (sesame.keys.expiry-warning-days; threshold unused)", 1, false),
    KEY_UNUSED("Key unused", "a key unused for sesame.keys.unused-flag-days (threshold unused)", 1, false),
    REVIEW_OVERDUE("Access review overdue", "an open review campaign is past its due date with keys undecided (threshold unused)", 1, false),
    BOUNCE_RATE("Bounce rate", "bounces / messages with an outcome over 30 days, from SES notifications (at least "
            + "sesame.reputation.min-messages messages); AWS reviews accounts at 5 %", 0.05, true),
    COMPLAINT_RATE("Complaint rate", "complaints / messages with an outcome over 30 days, from SES notifications; AWS "
            + "reviews accounts at 0.1 %", 0.001, true);

    private final String title;
    private final String measures;
    private final double defaultThreshold;
    private final boolean suspendsByDefault;

    AlertKind(String title, String measures, double defaultThreshold, boolean suspendsByDefault) {
        this.title = title;
        this.measures = measures;
        this.defaultThreshold = defaultThreshold;
        this.suspendsByDefault = suspendsByDefault;
    }

    public String title() { return title; }
    public String measures() { return measures; }
    public double defaultThreshold() { return defaultThreshold; }
    public boolean suspendsByDefault() { return suspendsByDefault; }

    /** Rules whose observed value is compared with the threshold; the others fire on the event itself. */
    public boolean hasThreshold() {
        return switch (this) {
            case NEW_SOURCE_IP, ROTATED_KEY_REUSE, KEY_LEAKED, KEY_EXPIRING, KEY_UNUSED, REVIEW_OVERDUE -> false;
            default -> true;
        };
    }

    /** Whether the observed value crosses the threshold: rates and counts fire above it, never at it. */
    public boolean crossed(double observed, double threshold) {
        return !hasThreshold() || observed > threshold;
    }

    /** Rules that also tell the key's application (its contact e-mail), not only the operators. */
    public boolean notifiesOwner() {
        return this == KEY_LEAKED;
    }

    public String code() {
        return name().toLowerCase().replace('_', '-');
    }

    public static AlertKind ofCode(String code) {
        for (AlertKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("rule: unknown (known: " + String.join(", ",
                java.util.Arrays.stream(values()).map(AlertKind::code).toList()) + ")");
    }
}
