package io.sesame.alert.boundary;

import io.sesame.alert.control.RetrySchedule;
import io.sesame.alert.control.WebhookSignature;
import io.sesame.alert.entity.Alert;
import io.sesame.alert.entity.AlertDelivery;
import io.sesame.ses.boundary.SesGateway;
import io.sesame.ses.control.OutgoingEmail;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends due alert notifications — webhooks (JSON, HMAC-signed) and email through Sesame's own SES transport —
 * outside any transaction, and records each attempt; failures are retried with exponential backoff. Runs after
 * each monitoring pass, never on a request thread.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertDispatcher {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int BATCH = 50;

    @EJB
    AlertService alerts;

    @Inject
    SesGateway ses;

    @Inject
    AlertSettings alertSettings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public int dispatchDue() {
        List<AlertDelivery> due = alerts.due(Instant.now(), BATCH);
        for (AlertDelivery delivery : due) {
            Alert alert = alerts.find(delivery.getAlertId());
            String error;
            String detail = null;
            try {
                detail = delivery.getChannel() == AlertDelivery.Channel.WEBHOOK ? webhook(delivery, alert) : email(delivery, alert);
                error = null;
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (error == null) {
                alerts.attempted(delivery.getId(), true, detail, null);
            } else {
                Duration delay = RetrySchedule.delayAfter(delivery.getAttempts() + 1, alertSettings.alertRetryBase());
                String message = error;
                LOG.warning(() -> "alert " + alert.getId() + " " + delivery.getChannel().name().toLowerCase() + " notification failed ("
                        + message + "); " + (delay == null ? "giving up" : "retrying in " + delay.toSeconds() + " s"));
                alerts.attempted(delivery.getId(), false, error, delay == null ? null : Instant.now().plus(delay));
            }
        }
        return due.size();
    }

    private String webhook(AlertDelivery delivery, Alert alert) throws Exception {
        String secret = alertSettings.alertWebhookSecret().orElseThrow(() -> new IllegalStateException(
                "sesame.alerts.webhook-secret is not set: Sesame does not send unsigned webhooks"));
        String body = Json.createObjectBuilder().add("type", "sesame.alert").add("alert", json(alert)).build().toString();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(delivery.getTarget())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, Instant.now(), body))
                .header("Sesame-Alert-Id", String.valueOf(alert.getId()))
                .header("Sesame-Delivery-Id", String.valueOf(delivery.getId()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the webhook answered HTTP " + response.statusCode());
        }
        return "HTTP " + response.statusCode();
    }

    private String email(AlertDelivery delivery, Alert alert) {
        String from = alertSettings.alertEmailFrom().orElseThrow(() -> new IllegalStateException(
                "sesame.alerts.email-from is not set"));
        String subject = "[Sesame] " + alert.getKind().title() + (alert.getKeyId() == null ? "" : " — key " + alert.getKeyId());
        String text = alert.getSummary() + "\n\nRule: " + alert.getKind().code() + " (" + alert.getKind().measures() + ")"
                + (alert.getThreshold() == null ? "" : "\nThreshold: " + alert.getThreshold() + ", observed: " + alert.getObserved())
                + (alert.isKeySuspended() ? "\nThe key was suspended automatically." : "")
                + "\nFirst seen: " + alert.getFirstSeen() + "\nAlert: GET /api/v1/admin/alerts/" + alert.getId() + "\n";
        String messageId = ses.send(new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, from, "Sesame alerts",
                Arrays.stream(delivery.getTarget().split(",")).toList(), List.of(), List.of(), List.of(), subject, text,
                null, null, null, null, null, Map.of()), null);
        return "SES message " + messageId;
    }

    public static JsonObjectBuilder json(Alert alert) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", alert.getId()).add("rule", alert.getKind().code())
                .add("title", alert.getKind().title()).add("status", alert.getStatus().name().toLowerCase())
                .add("summary", alert.getSummary()).add("firstSeen", alert.getFirstSeen().toString())
                .add("lastSeen", alert.getLastSeen().toString()).add("occurrences", alert.getOccurrences())
                .add("keySuspended", alert.isKeySuspended());
        if (alert.getKeyId() != null) {
            json.add("keyId", alert.getKeyId());
        }
        if (alert.getApplicationId() != null) {
            json.add("applicationId", alert.getApplicationId());
        }
        if (alert.getObserved() != null) {
            json.add("observed", alert.getObserved());
        }
        if (alert.getThreshold() != null) {
            json.add("threshold", alert.getThreshold());
        }
        if (alert.getResolvedAt() != null) {
            json.add("resolvedAt", alert.getResolvedAt().toString()).add("resolvedBy", alert.getResolvedBy());
        }
        return json;
    }
}
