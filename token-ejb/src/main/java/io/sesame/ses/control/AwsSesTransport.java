package io.sesame.ses.control;

import io.sesame.platform.control.AwsConnection;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.BulkEmailContent;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.EmailTemplateContent;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailTemplateResponse;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.ReplacementEmailContent;
import software.amazon.awssdk.services.sesv2.model.ReplacementTemplate;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.Template;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends through Amazon SES v2 with one shared SDK client (Apache HTTP client set explicitly), built once.
 * SES errors become {@link SesFailure}s the API maps to clear answers.
 */
public final class AwsSesTransport implements SesTransport, AutoCloseable {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AwsSesTransport.class.getName());

    private final SesV2Client client;
    private final Function<String, AwsCredentialsProvider> perKeyCredentials;

    /** @param perKeyCredentials credentials for a key's calls (STS mode), or null to use the client's own */
    public AwsSesTransport(AwsConnection settings, Duration callTimeout, Function<String, AwsCredentialsProvider> perKeyCredentials) {
        this(build(settings, callTimeout), perKeyCredentials);
    }

    AwsSesTransport(SesV2Client client, Function<String, AwsCredentialsProvider> perKeyCredentials) {
        this.client = client;
        this.perKeyCredentials = perKeyCredentials;
    }

    AwsSesTransport(SesV2Client client) {
        this(client, null);
    }

    /**
     * In STS mode every call of a key runs under that key's narrowed credentials; Sesame's own mail (alerts, no
     * key) runs under the base credentials.
     */
    private void credentialsFor(String keyId, AwsRequest.Builder request) {
        if (perKeyCredentials != null && keyId != null) {
            // Resolved here, before SES is called: a slow or failing STS must read as "not sent" (502), never as SES's
            // own "outcome unknown", and must not eat the SES call's time budget.
            AwsCredentials credentials;
            try {
                credentials = perKeyCredentials.apply(keyId).resolveCredentials();
            } catch (SesFailure failure) {
                throw failure;
            } catch (RuntimeException e) {
                if (io.sesame.platform.control.StoreUnavailable.is(e)) {
                    throw e; // the key could not be read: a database outage (503), not STS's
                }
                // STS's own words name the role and account: logged, not told to the API client
                LOG.log(java.util.logging.Level.WARNING, "STS refused or failed the credentials of key " + keyId, e);
                throw new SesFailure(SesFailure.Reason.UNAVAILABLE, "StsUnavailable",
                        "the key's narrowed AWS credentials could not be obtained from STS; nothing was sent (the server log has STS's answer)");
            }
            request.overrideConfiguration(AwsRequestOverrideConfiguration.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(credentials)).build());
        }
    }

    /** One client; every call (its retries included) ends within {@code callTimeout}. See {@link SesCallPolicy}. */
    static SesV2Client build(AwsConnection settings, Duration callTimeout) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(o -> o.retryStrategy(SesCallPolicy.retryStrategy()).apiCallTimeout(callTimeout))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(SesCallPolicy.connectTimeout(callTimeout))
                        .connectionAcquisitionTimeout(SesCallPolicy.connectTimeout(callTimeout))
                        .socketTimeout(callTimeout));
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    @Override
    public String name() {
        return "aws";
    }

    SesV2Client client() {
        return client;
    }

    /** Runs one SDK call of Sesame's own (base credentials), SES's errors as {@link SesFailure}s. */
    private <T> T call(Supplier<T> sdkCall) {
        try {
            return sdkCall.get();
        } catch (SesFailure failure) {
            throw failure;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private void run(Runnable sdkCall) {
        call(() -> {
            sdkCall.run();
            return null;
        });
    }

    @Override
    public AccountStatus account() {
        GetAccountResponse account = call(() -> client.getAccount(b -> { }));
        SendQuota quota = account.sendQuota() == null ? null : new SendQuota(account.sendQuota().max24HourSend(),
                account.sendQuota().maxSendRate(), account.sendQuota().sentLast24Hours());
        return new AccountStatus(Boolean.TRUE.equals(account.sendingEnabled()), Boolean.TRUE.equals(account.productionAccessEnabled()),
                String.valueOf(account.enforcementStatus()), quota);
    }

    @Override
    public List<String> listTemplates() {
        return call(() -> client.listEmailTemplatesPaginator(b -> b.pageSize(100)).stream()
                .flatMap(page -> page.templatesMetadata().stream())
                .map(t -> t.templateName()).toList());
    }

    @Override
    public EmailTemplate getTemplate(String name) {
        GetEmailTemplateResponse t = call(() -> client.getEmailTemplate(b -> b.templateName(name)));
        return new EmailTemplate(t.templateName(), t.templateContent().subject(), t.templateContent().text(), t.templateContent().html());
    }

    @Override
    public void createTemplate(EmailTemplate template) {
        run(() -> client.createEmailTemplate(b -> b.templateName(template.name()).templateContent(content(template))));
    }

    @Override
    public void updateTemplate(EmailTemplate template) {
        run(() -> client.updateEmailTemplate(b -> b.templateName(template.name()).templateContent(content(template))));
    }

    @Override
    public void deleteTemplate(String name) {
        run(() -> client.deleteEmailTemplate(b -> b.templateName(name)));
    }

    @Override
    public EmailTemplate renderTemplate(String name, JsonObject data) {
        String mime = call(() -> client.testRenderEmailTemplate(b -> b.templateName(name).templateData(data.toString()))
                .renderedTemplate());
        return fromMime(name, mime);
    }

    private static EmailTemplateContent content(EmailTemplate t) {
        return EmailTemplateContent.builder().subject(t.subject()).text(t.text()).html(t.html()).build();
    }

    /** SES renders a template into a whole MIME message; Sesame answers subject, text and HTML. */
    static EmailTemplate fromMime(String name, String mime) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            String[] parts = new String[2];
            collect(message.getContent(), message.getContentType(), parts);
            return new EmailTemplate(name, message.getSubject(), parts[0], parts[1]);
        } catch (MessagingException | IOException e) {
            throw new SesFailure(SesFailure.Reason.UNAVAILABLE, "RenderUnreadable", "cannot read SES's rendering: " + e.getMessage());
        }
    }

    private static void collect(Object content, String type, String[] parts) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else if (content instanceof String text) {
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                parts[1] = text;
            } else {
                parts[0] = text;
            }
        }
    }

    private SesAccountQueries queries() {
        return new SesAccountQueries(client);
    }

    @Override
    public List<JsonObject> listIdentities() {
        return call(() -> queries().listIdentities());
    }

    @Override
    public JsonObject getIdentity(String identity) {
        return call(() -> queries().getIdentity(identity));
    }

    @Override
    public List<String> listConfigurationSets() {
        return call(() -> queries().listConfigurationSets());
    }

    @Override
    public List<JsonObject> listSuppressed() {
        return call(() -> queries().listSuppressed());
    }

    @Override
    public JsonObject getSuppressed(String email) {
        return call(() -> queries().getSuppressed(email));
    }

    /** @throws IllegalArgumentException when the reason is neither BOUNCE nor COMPLAINT (before SES is called) */
    @Override
    public void putSuppressed(String email, String reason) {
        SesAccountQueries queries = queries();
        try {
            queries.putSuppressed(email, reason);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void deleteSuppressed(String email) {
        run(() -> queries().deleteSuppressed(email));
    }

    @Override
    public String send(OutgoingEmail email, String keyId) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .configurationSetName(email.configurationSet())
                .emailTags(email.tags().entrySet().stream()
                        .map(e -> MessageTag.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        switch (email.kind()) {
            // The checked From and recipients go to SES explicitly, so SES acts on what the policy saw, not on its own
            // reading of the headers (the message is re-serialised from the checked headers too; hidden Bcc only here).
            case RAW -> request.fromEmailAddress(email.fromAddress())
                    .destination(destination(email))
                    .content(EmailContent.builder()
                    .raw(RawMessage.builder().data(SdkBytes.fromByteArray(email.rawMime())).build()).build());
            case TEMPLATE -> request.fromEmailAddress(email.fromHeader())
                    .destination(destination(email))
                    .replyToAddresses(email.replyTo())
                    .content(EmailContent.builder().template(Template.builder()
                            .templateName(email.template()).templateData(email.templateData()).build()).build());
            case SIMPLE -> {
                Body.Builder body = Body.builder();
                if (email.text() != null) {
                    body.text(utf8(email.text()));
                }
                if (email.html() != null) {
                    body.html(utf8(email.html()));
                }
                request.fromEmailAddress(email.fromHeader())
                        .destination(destination(email))
                        .replyToAddresses(email.replyTo())
                        .content(EmailContent.builder().simple(Message.builder()
                                .subject(utf8(email.subject())).body(body.build()).build()).build());
            }
        }
        credentialsFor(keyId, request);
        try {
            return client.sendEmail(request.build()).messageId();
        } catch (RuntimeException e) {
            throw translateSend(e);
        }
    }

    @Override
    public List<BulkResult> sendBulk(BulkEmail email, String keyId) {
        SendBulkEmailRequest.Builder builder = SendBulkEmailRequest.builder()
                .fromEmailAddress(email.message(0).fromHeader())
                .replyToAddresses(email.replyTo())
                .configurationSetName(email.configurationSet())
                .defaultEmailTags(email.tags().entrySet().stream()
                        .map(e -> MessageTag.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .defaultContent(BulkEmailContent.builder().template(Template.builder()
                        .templateName(email.template()).templateData(email.defaultTemplateData()).build()).build())
                .bulkEmailEntries(email.destinations().stream().map(d -> {
                    BulkEmailEntry.Builder entry = BulkEmailEntry.builder().destination(Destination.builder()
                            .toAddresses(d.to()).ccAddresses(d.cc()).bccAddresses(d.bcc()).build());
                    if (d.templateData() != null) {
                        entry.replacementEmailContent(ReplacementEmailContent.builder().replacementTemplate(
                                ReplacementTemplate.builder().replacementTemplateData(d.templateData()).build()).build());
                    }
                    return entry.build();
                }).toList());
        credentialsFor(keyId, builder);
        SendBulkEmailRequest request = builder.build();
        try {
            return client.sendBulkEmail(request).bulkEmailEntryResults().stream()
                    .map(r -> new BulkResult(String.valueOf(r.status()), r.messageId(), r.error()))
                    .toList();
        } catch (RuntimeException e) {
            throw translateSend(e);
        }
    }

    private static Destination destination(OutgoingEmail email) {
        return Destination.builder().toAddresses(email.to()).ccAddresses(email.cc()).bccAddresses(email.bcc()).build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }

    /**
     * As {@link #translate}, for SendEmail and SendBulkEmail: a 5xx from SES does not prove the message was not sent
     * (SES may fail after accepting it), so it is an unknown outcome, not "unavailable".
     */
    static SesFailure translateSend(RuntimeException e) {
        if (e instanceof SesV2Exception ses && ses.statusCode() >= 500 && !SesCallPolicy.safeToRetry(e)) {
            return new SesFailure(SesFailure.Reason.OUTCOME_UNKNOWN, "OutcomeUnknown", "SES failed after taking the request (HTTP "
                    + ses.statusCode() + " " + errorCode(e) + ": " + message(e) + "); it may have sent the message, so check before repeating it");
        }
        if (!(e instanceof software.amazon.awssdk.core.exception.SdkException)) {
            // not the SDK's report of SES's answer or of the connection: nothing proves the message was not sent
            return new SesFailure(SesFailure.Reason.OUTCOME_UNKNOWN, "OutcomeUnknown", "the call to SES failed unexpectedly ("
                    + e.getClass().getSimpleName() + "); it may have sent the message, so check before repeating it");
        }
        return translate(e);
    }

    /** Maps SDK exceptions to what Sesame answers; the SDK has already retried what was safe to ({@link SesCallPolicy}). */
    public static SesFailure translate(RuntimeException e) {
        if (e instanceof MessageRejectedException) {
            return new SesFailure(SesFailure.Reason.REJECTED, "MessageRejected", message(e));
        }
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
            return new SesFailure(SesFailure.Reason.THROTTLED, errorCode(e), message(e));
        }
        if (e instanceof SendingPausedException || e instanceof AccountSuspendedException) {
            return new SesFailure(SesFailure.Reason.PAUSED, errorCode(e), message(e));
        }
        if (e instanceof BadRequestException) {
            return new SesFailure(SesFailure.Reason.BAD_REQUEST, "BadRequest", message(e));
        }
        if (e instanceof NotFoundException) {
            return new SesFailure(SesFailure.Reason.NOT_FOUND, "NotFound", message(e));
        }
        if (e instanceof SesV2Exception ses) {
            int status = ses.statusCode();
            SesFailure.Reason kind = status == 429 ? SesFailure.Reason.THROTTLED : status == 404 ? SesFailure.Reason.NOT_FOUND
                    : status >= 400 && status < 500 ? SesFailure.Reason.BAD_REQUEST : SesFailure.Reason.UNAVAILABLE;
            return new SesFailure(kind, errorCode(e), message(e));
        }
        if (e instanceof SdkClientException && SesCallPolicy.outcomeUnknown(e)) {
            return new SesFailure(SesFailure.Reason.OUTCOME_UNKNOWN, "OutcomeUnknown", "SES took the request but did not answer in time ("
                    + e.getMessage() + "); it may have acted on it (a message may have been sent), so check before repeating it");
        }
        if (e instanceof SdkClientException) {
            return new SesFailure(SesFailure.Reason.UNAVAILABLE, "ClientError", "SES could not be reached: " + e.getMessage());
        }
        return new SesFailure(SesFailure.Reason.UNAVAILABLE, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }

    private static String errorCode(RuntimeException e) {
        if (e instanceof SesV2Exception ses && ses.awsErrorDetails() != null && ses.awsErrorDetails().errorCode() != null) {
            return ses.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName().replace("Exception", "");
    }

    private static String message(RuntimeException e) {
        if (e instanceof SesV2Exception ses && ses.awsErrorDetails() != null && ses.awsErrorDetails().errorMessage() != null) {
            return ses.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public void close() {
        client.close();
    }

}
