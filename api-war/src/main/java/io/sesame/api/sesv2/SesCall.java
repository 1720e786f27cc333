package io.sesame.api.sesv2;

import io.sesame.audit.control.CallContext;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One authenticated call of the SES endpoint: who calls, the route's path parameters and the (bounded) body. */
public record SesCall(CallContext caller, Map<String, String> pathParameters, byte[] body) {

    public SesCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** A path parameter, decoded. */
    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** The body as a JSON object; anything else is SES's SerializationException. */
    public JsonObject json() {
        try {
            return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SesError(400, "SerializationException", "the body is not a JSON object");
        }
    }

    /** A required string field of the body. */
    public static String string(JsonObject body, String field) {
        JsonValue v = body.get(field);
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            throw new SesError(400, "BadRequestException", field + " is required");
        }
        return body.getString(field);
    }
}
