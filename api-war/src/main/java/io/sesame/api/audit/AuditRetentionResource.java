package io.sesame.api.audit;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.AuditRetention;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Runs audit retention now, with the configured period (the same run happens daily). */
@Path("admin/audit/retention")
@SecurityRequirement(name = "bearer")
public class AuditRetentionResource {

    @Inject
    AuditRetention retention;

    @Inject
    Caller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_MONITORING)
    @Operation(summary = "Apply audit retention now",
            description = "Removes events sealed more than sesame.audit.retention-days ago; each batch leaves a signed checkpoint "
                    + "from which /admin/audit/verify continues. The period cannot be shortened from here.")
    public JsonObject run() {
        AuditRetention.Outcome outcome = retention.run(Instant.now(), caller.acting());
        return Json.createObjectBuilder().add("retentionDays", outcome.retentionDays())
                .add("purgedBefore", outcome.purgedBefore().toString()).add("callEvents", outcome.callEvents())
                .add("lifecycleEvents", outcome.lifecycleEvents()).add("checkpoints", outcome.checkpoints()).build();
    }
}
