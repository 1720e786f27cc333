package io.sesame.ses.control;

import io.sesame.platform.control.AwsConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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

    private final SesV2Client client;
    private final Function<String, AwsCredentialsProvider> perKeyCredentials;

    /** @param perKeyCredentials credentials for a key's calls (STS mode), or null to use the client's own */
    public AwsSesTransport(AwsConnection settings, Function<String, AwsCredentialsProvider> perKeyCredentials) {
        this(build(settings), perKeyCredentials);
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
            AwsCredentialsProvider provider = perKeyCredentials.apply(keyId);
            request.overrideConfiguration(AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build());
        }
    }

    static SesV2Client build(AwsConnection settings) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    @Override
    public String name() {
        return "aws";
    }

    public SesV2Client client() {
        return client;
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
            throw translate(e);
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
            throw translate(e);
        }
    }

    private static Destination destination(OutgoingEmail email) {
        return Destination.builder().toAddresses(email.to()).ccAddresses(email.cc()).bccAddresses(email.bcc()).build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }

    /** Maps SDK exceptions to what Sesame answers; the SDK has already retried throttling and 5xx (bounded). */
    public static SesFailure translate(RuntimeException e) {
        if (e instanceof MessageRejectedException) {
            return new SesFailure(SesFailure.Kind.REJECTED, "MessageRejected", message(e));
        }
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
            return new SesFailure(SesFailure.Kind.THROTTLED, errorCode(e), message(e));
        }
        if (e instanceof SendingPausedException || e instanceof AccountSuspendedException) {
            return new SesFailure(SesFailure.Kind.PAUSED, errorCode(e), message(e));
        }
        if (e instanceof BadRequestException) {
            return new SesFailure(SesFailure.Kind.BAD_REQUEST, "BadRequest", message(e));
        }
        if (e instanceof NotFoundException) {
            return new SesFailure(SesFailure.Kind.NOT_FOUND, "NotFound", message(e));
        }
        if (e instanceof SesV2Exception ses) {
            int status = ses.statusCode();
            SesFailure.Kind kind = status == 429 ? SesFailure.Kind.THROTTLED
                    : status >= 400 && status < 500 ? SesFailure.Kind.BAD_REQUEST : SesFailure.Kind.UNAVAILABLE;
            return new SesFailure(kind, errorCode(e), message(e));
        }
        if (e instanceof SdkClientException) {
            return new SesFailure(SesFailure.Kind.UNAVAILABLE, "ClientError", "SES could not be reached: " + e.getMessage());
        }
        return new SesFailure(SesFailure.Kind.UNAVAILABLE, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
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
