package io.sesame.reputation.boundary;

import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.reputation.control.SesEvent;
import io.sesame.reputation.control.SnsMessage;
import io.sesame.reputation.control.SnsSignature;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * The SNS HTTP(S) subscription endpoint for SES events. Every message is checked before anything changes: the
 * topic must be configured, the signing certificate must come from SNS, the signature must hold and the message
 * must be recent; a message id seen before is acknowledged and ignored. Then a subscription is confirmed, or an
 * SES outcome is counted for the key that sent the message and its rates judged.
 */
@Stateless
public class SesNotifications {

    private static final Logger LOG = Logger.getLogger(SesNotifications.class.getName());
    /** SNS redelivers for up to an hour with its default and most custom delivery policies. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    ReputationSettings reputationSettings;

    @EJB
    SnsCertificates certificates;

    @EJB
    ReputationService reputation;

    @EJB
    LifecycleAudit audit;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** What happened to a message, for the response and the log. */
    public record Result(String status, String detail, String keyId, String applicationId) {

        Result(String status, String detail) {
            this(status, detail, null, null);
        }
    }

    /** Parses and authenticates; throws a SesameException (4xx) for anything that is not a genuine, fresh SNS message. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SnsMessage authenticate(String body, String sourceIp, Instant now) {
        SnsMessage message;
        try {
            message = SnsMessage.parse(body);
        } catch (IllegalArgumentException e) {
            throw reject(ErrorKind.INVALID, "sns_message_invalid", e.getMessage(), sourceIp);
        }
        if (!reputationSettings.snsTopicArns().contains(message.topicArn())) {
            throw reject(ErrorKind.FORBIDDEN, "sns_topic_not_allowed", "TopicArn " + message.topicArn() + " is not in sesame.sns.topic-arns", sourceIp);
        }
        try {
            URI certUrl = SnsSignature.checkSnsUrl(message.signingCertUrl(), "SigningCertURL", true);
            SnsSignature.algorithm(message.signatureVersion());
            if (!SnsSignature.verify(message, certificates.get(certUrl))) {
                throw reject(ErrorKind.FORBIDDEN, "sns_signature_invalid", "the signature does not match the message", sourceIp);
            }
        } catch (IllegalArgumentException e) {
            throw reject(ErrorKind.FORBIDDEN, "sns_signature_invalid", e.getMessage(), sourceIp);
        }
        if (Duration.between(message.sentAt(), now).abs().compareTo(MAX_AGE) > 0) {
            throw reject(ErrorKind.INVALID, "sns_message_stale", "Timestamp " + message.timestamp() + " is more than an hour away (a replay?)", sourceIp);
        }
        return message;
    }

    /** Acts on an authenticated message, once per message id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Result process(SnsMessage message, String sourceIp, Instant now) {
        int fresh = em.createNativeQuery("insert into sns_message (message_id, topic_arn, message_type, received_at) "
                        + "select ?1, ?2, ?3, ?4 from (values (1)) as one(x) where not exists (select 1 from sns_message where message_id = ?1)")
                .setParameter(1, message.messageId()).setParameter(2, message.topicArn()).setParameter(3, message.type())
                .setParameter(4, java.sql.Timestamp.from(now)).executeUpdate();
        if (fresh == 0) {
            LOG.warning(() -> "SNS message " + message.messageId() + " from " + sourceIp + " was already processed: ignored (replay or redelivery)");
            return new Result("duplicate", "message " + message.messageId() + " was already processed");
        }
        switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                confirm(message);
                audit.record("sns:" + message.topicArn(), "sns.subscription-confirmed", "sns-topic", message.topicArn(),
                        "confirmed the HTTP subscription", sourceIp, null);
                return new Result("confirmed", "subscription to " + message.topicArn() + " confirmed");
            }
            case SnsMessage.UNSUBSCRIBE_CONFIRMATION -> {
                audit.record("sns:" + message.topicArn(), "sns.unsubscribed", "sns-topic", message.topicArn(),
                        "SNS reports the subscription was removed", sourceIp, null);
                return new Result("unsubscribed", "noted");
            }
            default -> {
                return notification(message, now);
            }
        }
    }

    private Result notification(SnsMessage message, Instant now) {
        SesEvent event;
        try {
            event = SesEvent.parse(message.message());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "SNS message " + message.messageId() + " is not an SES event: " + e.getMessage());
            return new Result("ignored", e.getMessage());
        }
        if (event == null) {
            return new Result("ignored", "an SES event type reputation does not count");
        }
        String[] key = reputation.keyOf(event.messageId());
        if (key == null) {
            return new Result("ignored", "SES message " + event.messageId() + " was not sent through Sesame (or its audit was purged)");
        }
        reputation.count(key[0], event.outcome(), LocalDate.ofInstant(message.sentAt(), ZoneOffset.UTC));
        return new Result("counted", event.outcome().name().toLowerCase() + " of SES message " + event.messageId()
                + " counted for key " + key[0], key[0], key[1]);
    }

    /** Visits SubscribeURL (which must itself be an SNS HTTPS URL), as SNS asks. */
    private void confirm(SnsMessage message) {
        URI url;
        try {
            url = SnsSignature.checkSnsUrl(message.subscribeUrl(), "SubscribeURL", false);
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid("SubscribeURL", e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new SesameException(ErrorKind.UPSTREAM_FAILED, "sns_confirmation_failed", "SNS answered HTTP " + response.statusCode()
                        + " to the subscription confirmation; it will send the confirmation again");
            }
        } catch (IOException e) {
            throw new SesameException(ErrorKind.UPSTREAM_FAILED, "sns_confirmation_failed", "SNS could not be reached to confirm the subscription ("
                    + e.getMessage() + "); it will send the confirmation again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SesameException(ErrorKind.UPSTREAM_FAILED, "sns_confirmation_failed", "interrupted");
        }
    }

    private static SesameException reject(ErrorKind kind, String code, String detail, String sourceIp) {
        LOG.warning(() -> "SNS message from " + sourceIp + " rejected (" + code + "): " + detail);
        return new SesameException(kind, code, detail);
    }
}
