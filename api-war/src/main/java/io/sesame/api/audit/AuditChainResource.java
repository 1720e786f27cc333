package io.sesame.api.audit;

import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.AuditChain;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Verification of the audit hash chain. */
@Path("admin/audit/verify")
@SecurityRequirement(name = "bearer")
public class AuditChainResource {

    @Inject
    AuditChain chain;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "Verify the audit hash chain",
            description = "Walks the chain from the start: ok, how many entries were verified, how many events await sealing "
                    + "(sealed every 5 s), and the first broken link (an edited or deleted event or chain entry) if any.")
    public JsonObject verify() {
        return chain.verify();
    }
}
