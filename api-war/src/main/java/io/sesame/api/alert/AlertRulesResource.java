package io.sesame.api.alert;

import io.sesame.alert.boundary.AlertService;
import io.sesame.alert.boundary.AlertSettings;
import io.sesame.alert.control.AlertRule;
import io.sesame.alert.entity.AlertKind;
import io.sesame.alert.entity.AlertRuleOverride;
import io.sesame.api.admin.JsonBodies;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Alert rules: the built-in defaults and the overrides set for all keys, an application or a key. */
@Path("admin/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AlertRulesResource {

    static final Set<String> FIELDS = Set.of("applicationId", "keyId", "threshold", "enabled", "autoSuspend", "notifyWebhook",
            "notifyEmail");

    @Inject
    AlertService alerts;

    @Inject
    AlertSettings alertSettings;

    @Inject
    Caller caller;

    @GET
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "The rules: built-in defaults, overrides, and which notification channels are configured")
    public JsonObject list() {
        JsonArrayBuilder defaults = Json.createArrayBuilder();
        for (AlertKind kind : AlertKind.values()) {
            defaults.add(json(AlertRule.builtIn(kind)).add("title", kind.title()).add("measures", kind.measures()));
        }
        JsonArrayBuilder overrides = Json.createArrayBuilder();
        for (AlertRuleOverride o : alerts.overrideEntities()) {
            overrides.add(json(AlertRule.of(o)).add("updatedAt", o.getUpdatedAt().toString()).add("updatedBy", o.getUpdatedBy()));
        }
        return Json.createObjectBuilder().add("defaults", defaults).add("overrides", overrides)
                .add("channels", Json.createObjectBuilder()
                        .add("webhook", alertSettings.alertWebhookUrl().isPresent() && alertSettings.alertWebhookSecret().isPresent())
                        .add("email", !alertSettings.alertEmailTo().isEmpty() && alertSettings.alertEmailFrom().isPresent()))
                .build();
    }

    @PUT
    @Path("{rule}")
    @Requires(Permission.MANAGE_MONITORING)
    @Operation(summary = "Set a rule for all keys, one application (applicationId) or one key (keyId)",
            description = "Fields left out take the built-in default. threshold: calls, recipients, a multiple or a rate (0.05 = 5 %) "
                    + "depending on the rule; enabled, autoSuspend, notifyWebhook, notifyEmail: true or false.")
    public JsonObject set(@PathParam("rule") String code, JsonObject body) {
        JsonBodies.requireBody(body);
        JsonBodies.onlyFields(body, FIELDS);
        AlertKind kind;
        try {
            kind = AlertKind.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid("rule", e.getMessage().substring("rule: ".length()));
        }
        String applicationId = JsonBodies.string(body, "applicationId", false);
        String keyId = JsonBodies.string(body, "keyId", false);
        if (applicationId != null && keyId != null) {
            throw SesameException.invalid("keyId", "give applicationId or keyId, not both");
        }
        AlertRule defaults = AlertRule.builtIn(kind);
        Double threshold = JsonBodies.decimal(body, "threshold");
        AlertRuleOverride rule = alerts.setRule(kind, applicationId, keyId, threshold == null ? defaults.threshold() : threshold,
                orElse(JsonBodies.bool(body, "enabled"), true), orElse(JsonBodies.bool(body, "autoSuspend"), defaults.autoSuspend()),
                orElse(JsonBodies.bool(body, "notifyWebhook"), true), orElse(JsonBodies.bool(body, "notifyEmail"), true),
                caller.acting());
        return json(AlertRule.of(rule)).build();
    }

    @DELETE
    @Path("overrides/{id}")
    @Requires(Permission.MANAGE_MONITORING)
    @Operation(summary = "Remove an override (the next broader rule applies again)")
    public Response delete(@PathParam("id") String id) {
        alerts.deleteRule(AlertsResource.parseId(id), caller.acting());
        return Response.noContent().build();
    }

    private static boolean orElse(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    static JsonObjectBuilder json(AlertRule rule) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("rule", rule.kind().code()).add("scope", rule.scope());
        if (rule.id() != null) {
            json.add("id", rule.id());
        }
        if (rule.applicationId() != null) {
            json.add("applicationId", rule.applicationId());
        }
        if (rule.keyId() != null) {
            json.add("keyId", rule.keyId());
        }
        if (rule.kind().hasThreshold()) {
            json.add("threshold", rule.threshold());
        }
        return json.add("enabled", rule.enabled()).add("autoSuspend", rule.autoSuspend())
                .add("notifyWebhook", rule.notifyWebhook()).add("notifyEmail", rule.notifyEmail());
    }
}
