package io.sesame.api.admin;

import io.sesame.platform.control.SesameException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Strict reading of JSON request bodies for every resource: a wrong type or a missing field names the field. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static String string(JsonObject body, String field, boolean required) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw SesameException.invalid(field, "is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw SesameException.invalid(field, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    public static Long number(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw SesameException.invalid(field, "must be a whole number");
        }
        return ((JsonNumber) value).longValueExact();
    }

    public static Double decimal(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw SesameException.invalid(field, "must be a number");
        }
        return ((JsonNumber) value).doubleValue();
    }

    public static Boolean bool(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw SesameException.invalid(field, "must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    /** Rejects fields the resource does not know, so a typo is not silently ignored. */
    public static void onlyFields(JsonObject body, java.util.Set<String> known) {
        for (String field : body.keySet()) {
            if (!known.contains(field)) {
                throw SesameException.invalid(field, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    public static JsonObject object(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw SesameException.invalid(field, "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw SesameException.invalid(field, "must be an object");
        }
        return value.asJsonObject();
    }

    public static JsonObject requireBody(JsonObject body) {
        if (body == null) {
            throw SesameException.invalid("body", "a JSON object is required");
        }
        return body;
    }
}
