package io.sesame.api.sesv2.operation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A suppressed destination in SES's JSON: timestamps as epoch seconds, as SES's REST-JSON binding sends them. */
final class SuppressionJson {

    private SuppressionJson() {
    }

    static JsonObjectBuilder destination(JsonObject d) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("EmailAddress", d.getString("emailAddress"))
                .add("Reason", d.getString("reason"));
        try {
            out.add("LastUpdateTime", Instant.parse(d.getString("lastUpdateTime")).getEpochSecond());
        } catch (DateTimeParseException | NullPointerException e) {
            // SES always sends one; a value Sesame cannot read is left out rather than invented
        }
        return out;
    }
}
