package io.sesame.reputation.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An Amazon SNS HTTP(S) message as posted to a subscribed endpoint (the fields its signature covers and how to check it). */
public record SnsMessage(String type, String messageId, String token, String topicArn, String subject, String message,
                         String subscribeUrl, String timestamp, String signatureVersion, String signature,
                         String signingCertUrl) {

    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** @throws IllegalArgumentException naming what is wrong with the body */
    public static SnsMessage parse(String body) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the body is not an SNS message (a JSON object)");
        }
        String type = required(json, "Type");
        if (!type.equals(NOTIFICATION) && !type.equals(SUBSCRIPTION_CONFIRMATION) && !type.equals(UNSUBSCRIBE_CONFIRMATION)) {
            throw new IllegalArgumentException("Type: not an SNS message type (" + type + ")");
        }
        boolean confirmation = !type.equals(NOTIFICATION);
        String timestamp = required(json, "Timestamp");
        try {
            Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Timestamp: not an ISO-8601 instant");
        }
        return new SnsMessage(type, required(json, "MessageId"), confirmation ? required(json, "Token") : optional(json, "Token"),
                required(json, "TopicArn"), optional(json, "Subject"), required(json, "Message"),
                confirmation ? required(json, "SubscribeURL") : optional(json, "SubscribeURL"), timestamp,
                required(json, "SignatureVersion"), required(json, "Signature"), required(json, "SigningCertURL"));
    }

    /** When SNS sent it (the text is kept as sent: the signature covers it, not a re-formatted instant). */
    public Instant sentAt() {
        return Instant.parse(timestamp);
    }

    private static String required(JsonObject json, String field) {
        String value = optional(json, field);
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing (unsigned or not an SNS message)");
        }
        return value;
    }

    private static String optional(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return ((JsonString) value).getString();
    }
}
