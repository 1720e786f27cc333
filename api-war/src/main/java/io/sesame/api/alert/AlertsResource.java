package io.sesame.api.alert;

import io.sesame.alert.boundary.AlertDispatcher;
import io.sesame.alert.boundary.AlertMonitor;
import io.sesame.alert.boundary.AlertService;
import io.sesame.alert.entity.Alert;
import io.sesame.alert.entity.AlertDelivery;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Alerts raised by the monitor and by SES reputation: list, detail with notification attempts, resolve. */
@Path("admin/alerts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AlertsResource {

    @Inject
    AlertService alerts;

    @Inject
    AlertMonitor monitor;

    @Inject
    Caller caller;

    @GET
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "List alerts, most recent activity first",
            description = "status: open (default), resolved or all; key: one key's alerts; limit 1-1000 (default 100).")
    public JsonObject list(@QueryParam("status") @DefaultValue("open") String status, @QueryParam("key") String keyId,
                           @QueryParam("limit") @DefaultValue("100") String limit) {
        if (!Set.of("open", "resolved", "all").contains(status)) {
            throw SesameException.invalid("status", "open, resolved or all");
        }
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw SesameException.invalid("limit", "a whole number");
        }
        if (max < 1 || max > 1000) {
            throw SesameException.invalid("limit", "between 1 and 1000");
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        alerts.list(status.equals("all") ? null : status, keyId, max).forEach(a -> items.add(AlertDispatcher.json(a)));
        return Json.createObjectBuilder().add("items", items).add("open", alerts.openCount()).build();
    }

    @GET
    @Path("{id}")
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "One alert with its notification attempts")
    public JsonObject get(@PathParam("id") String id) {
        Alert alert = alerts.find(parseId(id));
        JsonArrayBuilder deliveries = Json.createArrayBuilder();
        for (AlertDelivery d : alerts.deliveries(alert.getId())) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("channel", d.getChannel().name().toLowerCase())
                    .add("target", d.getTarget()).add("status", d.getStatus().name().toLowerCase()).add("attempts", d.getAttempts());
            if (d.getStatus() == AlertDelivery.Status.PENDING) {
                json.add("nextAttemptAt", d.getNextAttemptAt().toString());
            }
            if (d.getLastError() != null) {
                json.add("lastError", d.getLastError());
            }
            if (d.getDeliveredAt() != null) {
                json.add("deliveredAt", d.getDeliveredAt().toString());
            }
            deliveries.add(json);
        }
        return AlertDispatcher.json(alert).add("notifications", deliveries).build();
    }

    @POST
    @Path("{id}/resolve")
    @Requires(Permission.MANAGE_MONITORING)
    @Operation(summary = "Resolve an alert",
            description = "Closes it; the same rule can open a new alert for the key afterwards. A suspended key stays suspended "
                    + "until reactivated (POST /admin/keys/{keyId}/reactivate).")
    public JsonObject resolve(@PathParam("id") String id) {
        Alert alert = alerts.resolve(parseId(id), caller.acting());
        monitor.refreshGauge();
        return AlertDispatcher.json(alert).build();
    }

    @POST
    @Path("evaluate")
    @Requires(Permission.MANAGE_MONITORING)
    @Operation(summary = "Run a monitoring pass now",
            description = "The same pass that runs every sesame.alerts.interval-seconds; answers how many observations it made and how many alerts are open.")
    public JsonObject evaluate() {
        int signals = monitor.pass(Instant.now()).size();
        return Json.createObjectBuilder().add("observations", signals).add("open", alerts.openCount()).build();
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw SesameException.notFound("alert", id);
        }
    }
}
