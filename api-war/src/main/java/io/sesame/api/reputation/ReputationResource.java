package io.sesame.api.reputation;

import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.reputation.boundary.ReputationService;
import io.sesame.reputation.boundary.ReputationSettings;
import io.sesame.reputation.control.Reputation;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Per-key SES reputation over the last 30 days. */
@Path("admin/reputation")
@SecurityRequirement(name = "bearer")
public class ReputationResource {

    @Inject
    ReputationService reputation;

    @Inject
    ReputationSettings reputationSettings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "Bounce and complaint rates per key over the last 30 days (key: one key)")
    public JsonObject list(@QueryParam("key") String keyId) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Map.Entry<String, Reputation> e : reputation.window(keyId, Instant.now()).entrySet()) {
            Reputation r = e.getValue();
            items.add(Json.createObjectBuilder().add("keyId", e.getKey()).add("sends", r.sends()).add("deliveries", r.deliveries())
                    .add("bounces", r.bounces()).add("complaints", r.complaints()).add("rejects", r.rejects())
                    .add("messages", r.messages()).add("bounceRate", r.bounceRate()).add("complaintRate", r.complaintRate())
                    .add("judged", r.judgeable(reputationSettings.reputationMinMessages())));
        }
        return Json.createObjectBuilder().add("windowDays", ReputationService.WINDOW_DAYS)
                .add("minMessages", reputationSettings.reputationMinMessages()).add("items", items).build();
    }
}
