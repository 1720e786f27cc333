package io.sesame.reputation.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;

/**
 * An SES event carried in an SNS notification: from event publishing (field {@code eventType}) or from identity
 * notifications ({@code notificationType}). Only what reputation needs: the outcome and the SES message id.
 */
public record SesEvent(Outcome outcome, String messageId, String detail) {

    /** The outcomes Sesame counts per key. The column names of key_reputation_day. */
    public enum Outcome {
        SEND("sends"), DELIVERY("deliveries"), BOUNCE("bounces"), COMPLAINT("complaints"), REJECT("rejects");

        private final String column;

        Outcome(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /**
     * @return the event, or null for an SES event type reputation does not count (Open, Click, DeliveryDelay…)
     * @throws IllegalArgumentException when the message is not an SES event
     */
    public static SesEvent parse(String message) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(message))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("Message: not an SES event (a JSON object)");
        }
        String type = text(json, "eventType");
        if (type == null) {
            type = text(json, "notificationType");
        }
        if (type == null) {
            throw new IllegalArgumentException("Message: neither eventType nor notificationType (not an SES event)");
        }
        JsonObject mail = json.get("mail") instanceof JsonObject m ? m : null;
        String messageId = mail == null ? null : text(mail, "messageId");
        if (messageId == null) {
            throw new IllegalArgumentException("Message: mail.messageId missing");
        }
        Outcome outcome;
        String detail = null;
        switch (type.toLowerCase(Locale.ROOT)) {
            case "send" -> outcome = Outcome.SEND;
            case "delivery" -> outcome = Outcome.DELIVERY;
            case "bounce" -> {
                outcome = Outcome.BOUNCE;
                JsonObject bounce = json.get("bounce") instanceof JsonObject b ? b : null;
                detail = bounce == null ? null : text(bounce, "bounceType") + "/" + text(bounce, "bounceSubType");
            }
            case "complaint" -> {
                outcome = Outcome.COMPLAINT;
                JsonObject complaint = json.get("complaint") instanceof JsonObject c ? c : null;
                detail = complaint == null ? null : text(complaint, "complaintFeedbackType");
            }
            case "reject" -> outcome = Outcome.REJECT;
            default -> {
                return null;
            }
        }
        return new SesEvent(outcome, messageId, detail);
    }

    private static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? json.getString(field) : null;
    }
}
