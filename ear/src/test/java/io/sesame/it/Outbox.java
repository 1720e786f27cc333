package io.sesame.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Where sent mail can be read back: the SES emulator's store (aws transport) or Sesame's sandbox outbox.
 * Both are normalised to {messageId, from, to[], cc[], bcc[], subject, text, html}.
 */
final class Outbox {

    private Outbox() {
    }

    static List<JsonObject> all(String adminToken) throws Exception {
        if (ItEnvironment.usesAwsTransport()) {
            HttpResponse<String> store = Http.send(HttpRequest.newBuilder(ItEnvironment.sesEndpoint().resolve("/store")).GET());
            return ((JsonObject) Http.parse(store.body())).getJsonArray("emails").getValuesAs(JsonObject.class).stream()
                    .map(Outbox::fromEmulator).toList();
        }
        HttpResponse<String> outbox = SesameClient.get("/api/v1/admin/sandbox/messages?limit=1000", adminToken);
        return Http.parse(outbox.body()).asJsonArray().getValuesAs(JsonObject.class);
    }

    static JsonObject find(String adminToken, String messageId) throws Exception {
        return all(adminToken).stream().filter(m -> m.getString("messageId").equals(messageId)).findFirst().orElse(null);
    }

    private static JsonObject fromEmulator(JsonObject email) {
        JsonObject destination = email.getJsonObject("destination");
        JsonObject body = email.containsKey("body") && email.get("body").getValueType() == JsonValue.ValueType.OBJECT
                ? email.getJsonObject("body") : Json.createObjectBuilder().build();
        var out = Json.createObjectBuilder()
                .add("messageId", email.getString("messageId"))
                .add("from", email.getString("from", ""))
                .add("to", list(destination, "to"))
                .add("cc", list(destination, "cc"))
                .add("bcc", list(destination, "bcc"))
                .add("subject", email.getString("subject", ""));
        if (body.containsKey("text") && !body.isNull("text")) {
            out.add("text", body.getString("text"));
        }
        if (body.containsKey("html") && !body.isNull("html")) {
            out.add("html", body.getString("html"));
        }
        return out.build();
    }

    private static JsonArrayBuilder list(JsonObject destination, String field) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        if (destination != null && destination.containsKey(field) && !destination.isNull(field)) {
            destination.getJsonArray(field).forEach(out::add);
        }
        return out;
    }
}
