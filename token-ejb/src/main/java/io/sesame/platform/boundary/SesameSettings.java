package io.sesame.platform.boundary;

import io.sesame.platform.control.SesameException;
import io.sesame.token.control.KeyHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sesame's own settings, read through MicroProfile Config (defaults in the config jar, each overridable by
 * its environment variable, e.g. {@code sesame.token.pepper} ← {@code SESAME_TOKEN_PEPPER}).
 */
@ApplicationScoped
public class SesameSettings {

    @Inject
    @ConfigProperty(name = "sesame.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "sesame.db.url")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "sesame.token.pepper")
    Optional<String> tokenPepper;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.admin-username", defaultValue = "admin")
    String bootstrapAdminUsername;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.admin-password")
    Optional<String> bootstrapAdminPassword;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.api-key")
    Optional<String> bootstrapApiKey;

    @Inject
    @ConfigProperty(name = "sesame.keys.max-lifetime-days", defaultValue = "90")
    int keyMaxLifetimeDays;

    @Inject
    @ConfigProperty(name = "sesame.signing.encryption-key")
    Optional<String> signingEncryptionKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String tokenIssuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String tokenAudience;

    @Inject
    @ConfigProperty(name = "sesame.tokens.default-ttl-seconds", defaultValue = "300")
    int defaultTokenTtlSeconds;

    @Inject
    @ConfigProperty(name = "sesame.signing.rotation-days", defaultValue = "30")
    int signingRotationDays;

    @Inject
    @ConfigProperty(name = "sesame.signing.jwks-max-age-seconds", defaultValue = "300")
    int jwksMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "sesame.keys.revoke-family-on-reuse", defaultValue = "true")
    boolean revokeFamilyOnReuse;

    @Inject
    @ConfigProperty(name = "sesame.keys.default-grace-seconds", defaultValue = "86400")
    long defaultGraceSeconds;

    @Inject
    @ConfigProperty(name = "sesame.keys.expiry-warning-days", defaultValue = "14,7,1")
    List<Integer> expiryWarningDays;

    @Inject
    @ConfigProperty(name = "sesame.keys.unused-flag-days", defaultValue = "30")
    int unusedFlagDays;

    @Inject
    @ConfigProperty(name = "sesame.ses.transport", defaultValue = "sandbox")
    String sesTransport;

    @Inject
    @ConfigProperty(name = "sesame.ses.region", defaultValue = "us-east-1")
    String sesRegion;

    @Inject
    @ConfigProperty(name = "sesame.ses.endpoint")
    Optional<String> sesEndpoint;

    @Inject
    @ConfigProperty(name = "sesame.ses.access-key-id")
    Optional<String> sesAccessKeyId;

    @Inject
    @ConfigProperty(name = "sesame.ses.secret-access-key")
    Optional<String> sesSecretAccessKey;

    @Inject
    @ConfigProperty(name = "sesame.audit.full-recipients", defaultValue = "false")
    boolean auditFullRecipients;

    @Inject
    @ConfigProperty(name = "sesame.alerts.interval-seconds", defaultValue = "30")
    int alertIntervalSeconds;

    @Inject
    @ConfigProperty(name = "sesame.alerts.webhook-url")
    Optional<String> alertWebhookUrl;

    @Inject
    @ConfigProperty(name = "sesame.alerts.webhook-secret")
    Optional<String> alertWebhookSecret;

    @Inject
    @ConfigProperty(name = "sesame.alerts.email-to")
    Optional<String> alertEmailTo;

    @Inject
    @ConfigProperty(name = "sesame.alerts.email-from")
    Optional<String> alertEmailFrom;

    @Inject
    @ConfigProperty(name = "sesame.alerts.retry-base-seconds", defaultValue = "10")
    int alertRetryBaseSeconds;

    @Inject
    @ConfigProperty(name = "sesame.reputation.min-messages", defaultValue = "100")
    int reputationMinMessages;

    @Inject
    @ConfigProperty(name = "sesame.sns.topic-arns")
    Optional<String> snsTopicArns;

    @Inject
    @ConfigProperty(name = "sesame.sns.certificates-dir")
    Optional<String> snsCertificatesDir;

    @Inject
    @ConfigProperty(name = "sesame.sts.vend-role-arn")
    Optional<String> vendRoleArn;

    @Inject
    @ConfigProperty(name = "sesame.approvals.four-eyes", defaultValue = "false")
    boolean fourEyes;

    @Inject
    @ConfigProperty(name = "sesame.audit.retention-days", defaultValue = "400")
    int auditRetentionDays;

    @Inject
    @ConfigProperty(name = "sesame.ses.role-arn")
    Optional<String> sesRoleArn;

    @Inject
    @ConfigProperty(name = "sesame.ses.session-duration-seconds", defaultValue = "3600")
    int sesSessionDurationSeconds;

    @Inject
    @ConfigProperty(name = "sesame.sts.endpoint")
    Optional<String> stsEndpoint;

    @Inject
    @ConfigProperty(name = "sesame.cluster.enabled", defaultValue = "false")
    boolean clusterEnabled;

    /** Cluster mode: share revocations, key versions and rate limits through Payara's data grid (see ClusterGrid). */
    public boolean clusterEnabled() {
        return clusterEnabled;
    }

    /** STS mode: the role whose credentials (narrowed per key) SES calls run under. */
    public Optional<String> sesRoleArn() {
        return sesRoleArn.filter(s -> !s.isBlank());
    }

    public Duration sesSessionDuration() {
        return Duration.ofSeconds(sesSessionDurationSeconds);
    }

    public Optional<String> stsEndpoint() {
        return stsEndpoint.filter(s -> !s.isBlank());
    }

    public String sesTransport() {
        return sesTransport.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public io.sesame.ses.control.AwsSesTransport.Settings sesSettings() {
        return new io.sesame.ses.control.AwsSesTransport.Settings(sesRegion, sesEndpoint.filter(s -> !s.isBlank()).orElse(null),
                sesAccessKeyId.filter(s -> !s.isBlank()).orElse(null), sesSecretAccessKey.orElse(null));
    }

    /** Whether call events keep full recipient addresses (off by default: domains and counts only, for GDPR). */
    /** The role whose credentials are vended to keys (POST /api/v1/credentials/aws); the SES role when unset. */
    public Optional<String> vendRoleArn() {
        return vendRoleArn.filter(s -> !s.isBlank()).or(this::sesRoleArn);
    }

    /** Four-eyes: key requests and widening policy changes in the portal wait for a second admin. */
    public boolean fourEyes() {
        return fourEyes;
    }

    /** How often the alert monitor looks at recent activity (at least 1 s). */
    public Duration alertInterval() {
        return Duration.ofSeconds(Math.max(1, alertIntervalSeconds));
    }

    public Optional<String> alertWebhookUrl() {
        return alertWebhookUrl.filter(s -> !s.isBlank());
    }

    public Optional<String> alertWebhookSecret() {
        return alertWebhookSecret.filter(s -> !s.isBlank());
    }

    public List<String> alertEmailTo() {
        return commaSeparated(alertEmailTo);
    }

    public Optional<String> alertEmailFrom() {
        return alertEmailFrom.filter(s -> !s.isBlank());
    }

    public Duration alertRetryBase() {
        return Duration.ofSeconds(Math.max(1, alertRetryBaseSeconds));
    }

    /** Messages with an outcome a key needs before its bounce and complaint rates are judged. */
    public int reputationMinMessages() {
        return Math.max(1, reputationMinMessages);
    }

    /** SNS topics whose notifications are accepted; none configured means none accepted (fail closed). */
    public List<String> snsTopicArns() {
        return commaSeparated(snsTopicArns);
    }

    /** Payara's MicroProfile Config cannot inject Optional<List<…>>: lists are read as text. */
    private static List<String> commaSeparated(Optional<String> value) {
        return value.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Optional<Path> snsCertificatesDir() {
        return snsCertificatesDir.filter(s -> !s.isBlank()).map(Path::of);
    }

    /** Days audit events are kept after sealing; at least 1, so a typo cannot empty the audit. */
    public int auditRetentionDays() {
        if (auditRetentionDays < 1) {
            throw SesameException.unavailable("sesame.audit.retention-days must be at least 1 (is " + auditRetentionDays + ")");
        }
        return auditRetentionDays;
    }

    public boolean auditFullRecipients() {
        return auditFullRecipients;
    }

    public Optional<String> signingEncryptionKey() {
        return signingEncryptionKey.filter(s -> !s.isBlank());
    }

    public String tokenIssuer() {
        return tokenIssuer;
    }

    /** The first configured audience: the one Sesame writes into its tokens. */
    public String tokenAudience() {
        return tokenAudience.split(",")[0].strip();
    }

    public Duration defaultTokenTtl() {
        return Duration.ofSeconds(defaultTokenTtlSeconds);
    }

    public Duration signingRotationPeriod() {
        return Duration.ofDays(signingRotationDays);
    }

    /** How long verifiers may cache the JWKS; a new signing key is published at least this long (plus a margin) before use. */
    public Duration jwksMaxAge() {
        return Duration.ofSeconds(jwksMaxAgeSeconds);
    }

    public boolean revokeFamilyOnReuse() {
        return revokeFamilyOnReuse;
    }

    public Duration defaultGrace() {
        return Duration.ofSeconds(defaultGraceSeconds);
    }

    public List<Integer> expiryWarningDays() {
        return expiryWarningDays.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    }

    public int unusedFlagDays() {
        return unusedFlagDays;
    }

    /** The thresholds for "expiring soon" (the earliest expiry warning) and "unused", shared by hygiene and the views. */
    public io.sesame.token.control.KeyAttention keyAttention() {
        return new io.sesame.token.control.KeyAttention(expiryWarningDays().isEmpty() ? 14 : expiryWarningDays().get(0),
                unusedFlagDays);
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public Optional<String> tokenPepper() {
        return tokenPepper.filter(s -> !s.isBlank());
    }

    private volatile KeyHasher keyHasher;

    /**
     * The API key hasher under the configured pepper, built once.
     *
     * @throws SesameException 503 when the pepper is missing or too short (Sesame is then not ready either)
     */
    public KeyHasher keyHasher() {
        KeyHasher hasher = keyHasher;
        if (hasher == null) {
            try {
                hasher = new KeyHasher(tokenPepper().orElse(null));
            } catch (IllegalArgumentException e) {
                throw SesameException.unavailable(e.getMessage());
            }
            keyHasher = hasher;
        }
        return hasher;
    }

    public String bootstrapAdminUsername() {
        return bootstrapAdminUsername;
    }

    public Optional<String> bootstrapAdminPassword() {
        return bootstrapAdminPassword.filter(s -> !s.isBlank());
    }

    public Optional<String> bootstrapApiKey() {
        return bootstrapApiKey.filter(s -> !s.isBlank());
    }

    public int keyMaxLifetimeDays() {
        return keyMaxLifetimeDays;
    }
}
