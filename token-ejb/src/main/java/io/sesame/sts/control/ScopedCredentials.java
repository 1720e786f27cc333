package io.sesame.sts.control;

import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * AWS credentials narrowed to one key: AssumeRole on the configured role with the session policy generated from
 * the key's policy, cached per key and policy version and refreshed by the SDK before they expire. A policy change
 * is a new version, so it gets new credentials at once.
 */
public final class ScopedCredentials implements AutoCloseable {

    /** STS accepts 900 s to 43,200 s (the role's maximum session duration may be lower). */
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 43_200;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    private final StsClient sts;
    private final String roleArn;
    private final int durationSeconds;
    private final SessionPolicyGenerator generator;
    private final Map<String, StsAssumeRoleCredentialsProvider> providers = new ConcurrentHashMap<>();

    public ScopedCredentials(StsClient sts, String roleArn, String region, Duration sessionDuration) {
        Matcher m = ROLE_ARN.matcher(roleArn == null ? "" : roleArn);
        if (!m.matches()) {
            throw new IllegalArgumentException("sesame.ses.role-arn must be an IAM role ARN (arn:aws:iam::123456789012:role/name), not '"
                    + roleArn + "'");
        }
        long seconds = sessionDuration.getSeconds();
        if (seconds < MIN_DURATION || seconds > MAX_DURATION) {
            throw new IllegalArgumentException("the session duration must be " + MIN_DURATION + "-" + MAX_DURATION + " seconds");
        }
        this.sts = sts;
        this.roleArn = roleArn;
        this.durationSeconds = (int) seconds;
        this.generator = new SessionPolicyGenerator(region, m.group(1));
    }

    public SessionPolicyGenerator generator() {
        return generator;
    }

    /** Credentials for the key at this policy version (one AssumeRole, then refreshed in the background of calls). */
    public AwsCredentialsProvider forKey(String keyId, String applicationId, int policyVersion, Set<Permission> permissions,
                                         ResourceScope scope) {
        String cacheKey = keyId + "#" + policyVersion;
        return providers.computeIfAbsent(cacheKey, k -> {
            providers.keySet().removeIf(existing -> existing.startsWith(keyId + "#"));
            SessionPolicy policy = generator.generate(permissions, scope);
            AssumeRoleRequest request = AssumeRoleRequest.builder()
                    .roleArn(roleArn)
                    .roleSessionName(sessionName(keyId))
                    .policy(policy.json())
                    .durationSeconds(durationSeconds)
                    .tags(Tag.builder().key("sesame-key-id").value(keyId).build(),
                            Tag.builder().key("sesame-application").value(applicationId).build())
                    .build();
            return StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(request)
                    .asyncCredentialUpdateEnabled(false)
                    .build();
        });
    }

    /** RoleSessionName: {@code sesame-<keyId>}, within STS's 2-64 characters of [\w+=,.@-]. */
    public static String sessionName(String keyId) {
        String name = "sesame-" + keyId.replaceAll("[^\\w+=,.@-]", "");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    @Override
    public void close() {
        providers.values().forEach(StsAssumeRoleCredentialsProvider::close);
        sts.close();
    }
}
