package io.sesame.api.admin;

import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Locale;

/** JSON shapes of the admin API (names fixed by the docs) and strict reading of request bodies. */
final class Representations {

    private Representations() {
    }

    static JsonObject application(Application a) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", a.getId())
                .add("name", a.getName())
                .add("owner", a.getOwner())
                .add("status", a.getStatus().name().toLowerCase(Locale.ROOT))
                .add("createdAt", a.getCreatedAt().toString())
                .add("createdBy", a.getCreatedBy());
        optional(json, "contactEmail", a.getContactEmail());
        optional(json, "description", a.getDescription());
        return json.build();
    }

    static JsonObject key(KeyService.KeyView view) {
        ApiKey k = view.key();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("keyId", k.getId())
                .add("applicationId", k.getApplicationId())
                .add("name", k.getName())
                .add("status", k.getStatus().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .add("policyVersion", k.getPolicyVersion())
                .add("policy", PolicyJson.toJson(view.policy()))
                .add("createdAt", k.getCreatedAt().toString())
                .add("createdBy", k.getCreatedBy())
                .add("expiresAt", k.getExpiresAt().toString());
        optional(json, "rotatedFrom", k.getRotatedFrom());
        optional(json, "graceUntil", k.getGraceUntil());
        optional(json, "revokedAt", k.getRevokedAt());
        optional(json, "lastUsedAt", k.getLastUsedAt());
        optional(json, "lastUsedIp", k.getLastUsedIp());
        optional(json, "lastUsedAction", k.getLastUsedAction());
        return json.build();
    }

    /** The one response that carries a secret: issue and rotate. */
    static JsonObject issuedKey(KeyService.IssuedKey issued) {
        JsonObjectBuilder json = Json.createObjectBuilder(key(new KeyService.KeyView(issued.key(), issued.policy())));
        json.add("apiKey", issued.apiKey());
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value != null) {
            json.add(name, value instanceof Instant i ? i.toString() : value.toString());
        }
    }

    static String string(JsonObject body, String field, boolean required) {
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

    static Long number(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw SesameException.invalid(field, "must be a whole number");
        }
        return ((JsonNumber) value).longValueExact();
    }

    static JsonObject object(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw SesameException.invalid(field, "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw SesameException.invalid(field, "must be an object");
        }
        return value.asJsonObject();
    }

    static JsonObject requireBody(JsonObject body) {
        if (body == null) {
            throw SesameException.invalid("body", "a JSON object is required");
        }
        return body;
    }
}
