package io.sesame.sts.boundary;

import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.audit.control.CallContext;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.sts.control.CredentialLifetime;
import io.sesame.sts.control.ScopedCredentials;
import io.sesame.sts.control.SessionPolicy;
import io.sesame.sts.control.SessionPolicyGenerator;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Vends temporary AWS credentials to a key (sesame:VendAwsCredentials): STS AssumeRole on the configured role with
 * the session policy generated from the key's scope (the same generator as the gateway's STS mode), a lifetime
 * clamped to [900 s, the policy's maximum] and the key's expiry, RoleSessionName and SourceIdentity
 * {@code sesame-<keyId>} and session tags, so CloudTrail ties every AWS call back to the key. Each vending is a
 * lifecycle event with the assumed-role id. Vended credentials cannot be revoked one by one (STS has no such call).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CredentialVending {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    @Inject
    SesameSettings settings;

    @Inject
    StsSettings stsSettings;

    @Inject
    KeyDirectory directory;

    @EJB
    LifecycleAudit audit;

    private volatile StsClient sts;

    /** What the caller receives (the secret parts once, never stored). */
    public record Vended(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                         String assumedRoleId, String assumedRoleArn, int durationSeconds, String policy) {
    }

    public Vended vend(CallContext caller, Integer requestedSeconds) {
        String roleArn = stsSettings.vendRoleArn().orElseThrow(() -> new SesameException(ErrorKind.NOT_SUPPORTED, "vending_not_configured",
                "Credential vending is not configured (sesame.sts.vend-role-arn)"));
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw SesameException.unavailable("sesame.sts.vend-role-arn is not an IAM role ARN");
        }
        KeyState key = directory.find(caller.keyId());
        if (key == null) {
            throw SesameException.notFound("key", caller.keyId());
        }
        if (key.policy().scope().requiresDpop()) {
            // AWS credentials are bearer secrets for up to 12 hours: vending them would undo the binding to the client's key
            throw new SesameException(ErrorKind.CONFLICT, "dpop_required", "This key requires DPoP-bound tokens "
                    + "(scope.requireDpop): AWS credentials, which are bearer secrets, are not vended to it");
        }
        if (requestedSeconds != null && (requestedSeconds < 1 || requestedSeconds > 86_400)) {
            throw SesameException.invalid("durationSeconds", "between 900 and 43200 (shorter or longer requests are clamped)");
        }
        int seconds;
        try {
            seconds = CredentialLifetime.seconds(requestedSeconds, key.policy().scope().credentialTtlSeconds(), Instant.now(),
                    key.expiresAt());
        } catch (IllegalStateException e) {
            throw SesameException.conflict("key_expires_too_soon", e.getMessage());
        }
        SessionPolicy policy = new SessionPolicyGenerator(settings.aws().region(), m.group(1))
                .generate(key.policy().permissions(), key.policy().scope());
        if (!policy.complete() && !key.policy().scope().allowsCoarseCredentials()) {
            // never hand out credentials wider than the key without the key's reviewed opt-in
            throw new SesameException(ErrorKind.CONFLICT, "scope_inexpressible", "This key's scope does not fit in an AWS session "
                    + "policy (2,048 characters): the credentials would not hold " + String.join(", ", policy.lost())
                    + ". Narrow the scope, or opt in with scope.coarseCredentials=true (a widening: reviewed like one).");
        }
        String sessionName = ScopedCredentials.sessionName(key.keyId());
        AssumeRoleResponse response;
        try {
            response = sts().assumeRole(b -> b.roleArn(roleArn).roleSessionName(sessionName).sourceIdentity(sessionName)
                    .policy(policy.json()).durationSeconds(seconds)
                    .tags(Tag.builder().key("sesame-key-id").value(key.keyId()).build(),
                            Tag.builder().key("sesame-application").value(key.applicationId()).build()));
        } catch (StsException e) {
            String code = e.awsErrorDetails() == null ? "StsError" : e.awsErrorDetails().errorCode();
            throw new SesameException(ErrorKind.UPSTREAM_FAILED, "sts_refused", "STS refused AssumeRole: " + code + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SesameException(ErrorKind.UPSTREAM_FAILED, "sts_unavailable", "STS could not be reached: " + e.getMessage());
        }
        var credentials = response.credentials();
        String assumedRoleId = response.assumedRoleUser() == null ? null : response.assumedRoleUser().assumedRoleId();
        String assumedRoleArn = response.assumedRoleUser() == null ? null : response.assumedRoleUser().arn();
        audit.record("key:" + key.keyId(), "credentials.vended", "api-key", key.keyId(), "AssumeRole " + roleArn + " as "
                + assumedRoleId + " for " + seconds + " s, until " + credentials.expiration() + "; session policy "
                + policy.json().length() + " characters" + (policy.detail() == SessionPolicy.Detail.FULL ? ""
                : " (simplified to " + policy.detail().name().toLowerCase() + " to fit 2,048 characters"
                + (policy.complete() ? ")" : "; under the key's coarseCredentials opt-in it does not hold " + String.join(", ", policy.lost()) + ")")),
                caller.clientIp(), caller.requestId());
        return new Vended(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(),
                credentials.expiration(), assumedRoleId, assumedRoleArn, seconds, policy.json());
    }

    private StsClient sts() {
        StsClient client = sts;
        if (client == null) {
            synchronized (this) {
                if (sts == null) {
                    StsClientBuilder builder = StsClient.builder().region(Region.of(settings.aws().region()))
                            .credentialsProvider(settings.aws().credentials())
                            .httpClientBuilder(ApacheHttpClient.builder());
                    settings.stsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
                    sts = builder.build();
                }
                client = sts;
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (sts != null) {
            sts.close();
        }
    }

}
