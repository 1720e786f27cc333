package io.sesame.api.signal;

import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.signal.boundary.SignalOutbox;
import io.sesame.signal.boundary.SignalSettings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The revocation-push outbox, for operators: which security events went (or failed to go) where. */
@Path("admin/signals")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_MONITORING)
@SecurityRequirement(name = "bearer")
public class SignalsResource {

    @Inject
    SignalOutbox outbox;

    @Inject
    SignalSettings settings;

    @GET
    @Operation(summary = "Recent security event deliveries (newest first)",
            description = "Receivers (sesame.signals.receivers) and, per delivery: the lifecycle event, receiver, event type, "
                    + "subject, jti, status (pending, delivered, failed), attempts, last error. limit 1-500 (100).")
    public JsonObject list(@QueryParam("limit") @DefaultValue("100") String limit) {
        int max;
        try {
            max = Math.max(1, Math.min(500, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw io.sesame.platform.control.SesameException.invalid("limit", "a number 1-500");
        }
        JsonArrayBuilder receivers = Json.createArrayBuilder();
        settings.receivers().forEach(r -> receivers.add(r.toString()));
        JsonArrayBuilder items = Json.createArrayBuilder();
        outbox.recent(max).forEach(d -> {
            JsonObjectBuilder item = Json.createObjectBuilder().add("id", d.getId()).add("lifecycleEventId", d.getLifecycleEventId())
                    .add("receiver", d.getReceiver()).add("eventType", d.getEventType()).add("jti", d.getJti())
                    .add("status", d.getStatus().name().toLowerCase()).add("attempts", d.getAttempts())
                    .add("createdAt", d.getCreatedAt().toString());
            if (d.getSubjectId() != null) {
                item.add("subject", d.getSubjectId());
            }
            if (d.getLastError() != null) {
                item.add("lastError", d.getLastError());
            }
            if (d.getDeliveredAt() != null) {
                item.add("deliveredAt", d.getDeliveredAt().toString());
            }
            items.add(item);
        });
        return Json.createObjectBuilder().add("receivers", receivers).add("items", items).build();
    }
}
