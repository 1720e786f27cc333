package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.federation.boundary.FederationService;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Admin REST for trust policies (workload identity federation). A trust policy's id is its key's: suspend, reactivate,
 * revoke and change its policy through {@code admin/keys/{id}/…}.
 */
@Path("admin/trust-policies")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_KEYS)
@SecurityRequirement(name = "bearer")
public class TrustPoliciesResource {

    @Inject
    FederationService federation;

    @Inject
    Caller caller;

    @GET
    @Path("{keyId}")
    @Operation(summary = "Get one trust policy")
    public JsonObject get(@PathParam("keyId") String keyId) {
        return Representations.trustPolicy(federation.get(keyId, caller.acting()));
    }
}
