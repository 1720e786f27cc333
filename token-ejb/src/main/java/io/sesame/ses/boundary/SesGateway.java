package io.sesame.ses.boundary;

import jakarta.transaction.Transactional;
import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.AwsConnection;
import io.sesame.ses.control.AwsSesTransport;
import io.sesame.ses.control.BulkEmail;
import io.sesame.ses.control.OutgoingEmail;
import io.sesame.ses.control.SesFailure;
import io.sesame.ses.control.SesTransport;
import io.sesame.sts.control.ScopedCredentials;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The configured transport (sesame.ses.transport): {@code sandbox} (default) keeps messages in the database,
 * {@code aws} sends through SES v2 with one SDK client built at start-up.
 */
@ApplicationScoped
public class SesGateway {

    private static final Logger LOG = Logger.getLogger(SesGateway.class.getName());

    @Inject
    SesameSettings settings;

    @Inject
    SesSettings sesSettings;

    @EJB
    SandboxStore sandbox;

    @EJB
    SandboxTemplates templates;

    @Inject
    KeyDirectory directory;

    private SesTransport transport;
    private AwsSesTransport aws;
    private ScopedCredentials scoped;

    @PostConstruct
    void start() {
        String name = sesSettings.transport();
        if ("aws".equals(name)) {
            Optional<String> roleArn = sesSettings.roleArn();
            if (roleArn.isPresent()) {
                scoped = new ScopedCredentials(stsClient(), roleArn.get(), settings.aws().region(),
                        sesSettings.sessionDuration());
                LOG.info("STS mode: SES calls run under AssumeRole(" + roleArn.get()
                        + ") credentials narrowed by a session policy generated from each key's policy");
            }
            aws = new AwsSesTransport(settings.aws(), sesSettings.callTimeout(), scoped == null ? null : this::credentialsOf);
            transport = aws;
            LOG.info("SES transport: aws (region " + settings.aws().region()
                    + (settings.aws().endpoint() == null ? "" : ", endpoint " + settings.aws().endpoint())
                    + ", call timeout " + sesSettings.callTimeout().toSeconds() + " s)");
        } else if ("sandbox".equals(name)) {
            transport = new SandboxTransport(sandbox, templates);
            LOG.info("SES transport: sandbox (messages are stored, not sent; GET /api/v1/admin/sandbox/messages)");
        } else {
            throw new IllegalStateException("sesame.ses.transport must be 'sandbox' or 'aws', not '" + name + "'");
        }
    }

    @PreDestroy
    void stop() {
        if (aws != null) {
            aws.close();
        }
        if (scoped != null) {
            scoped.close();
        }
    }

    private StsClient stsClient() {
        AwsConnection ses = settings.aws();
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(ses.region()))
                .credentialsProvider(ses.credentials())
                .overrideConfiguration(o -> o.apiCallTimeout(sesSettings.callTimeout())) // AssumeRole is safe to retry
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.stsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder.build();
    }

    /** The key's narrowed credentials, for its current policy version. */
    private AwsCredentialsProvider credentialsOf(String keyId) {
        KeyState key = directory.find(keyId);
        if (key == null) {
            throw new SesFailure(SesFailure.Reason.BAD_REQUEST, "UnknownKey", "key " + keyId + " no longer exists");
        }
        return scoped.forKey(keyId, key.applicationId(), key.policyVersion(), key.policy().permissions(), key.policy().scope());
    }


    /** Outside any caller's transaction (as the EJB was): the sandbox transport stores in a transaction of its own. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public String send(OutgoingEmail email, String keyId) throws SesFailure {
        return transport.send(email, keyId);
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<SesTransport.BulkResult> sendBulk(BulkEmail email, String keyId) throws SesFailure {
        return transport.sendBulk(email, keyId);
    }

    public String transportName() {
        return transport.name();
    }

    /** The active transport: every SES call (sends, templates, account, identities, suppression list) goes through it. */
    public SesTransport transport() {
        return transport;
    }

    public boolean isSandbox() {
        return aws == null;
    }
}
