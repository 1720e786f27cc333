package io.sesame.api.admin;

import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Locale;

/** JSON shapes of the admin API (names fixed by the docs). */
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
                .add("credential", k.getCredential())
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

    /** A trust policy: its key (status, policy, expiry) and the conditions a workload's token must meet. */
    static JsonObject trustPolicy(io.sesame.federation.boundary.FederationService.TrustPolicyView view) {
        return Json.createObjectBuilder(key(view.key()))
                .add("trust", io.sesame.federation.control.TrustPolicyJson.toJson(view.rules()))
                .build();
    }

    /** The one response that carries a secret: issue and rotate. */
    static JsonObject issuedKey(KeyService.IssuedKey issued) {
        JsonObjectBuilder json = Json.createObjectBuilder(key(new KeyService.KeyView(issued.key(), issued.policy())));
        json.add("apiKey", issued.apiKey());
        json.add("sigv4", Json.createObjectBuilder().add("accessKeyId", issued.key().getId())
                .add("secretAccessKey", issued.sigV4Secret()));
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value != null) {
            json.add(name, value instanceof Instant i ? i.toString() : value.toString());
        }
    }
}
