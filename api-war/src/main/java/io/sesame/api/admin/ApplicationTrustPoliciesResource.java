package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.federation.boundary.FederationService;
import io.sesame.federation.boundary.FederationSettings;
import io.sesame.federation.control.TrustPolicyJson;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Admin REST for an application's trust policies (workload identity federation); one trust policy: {@link TrustPoliciesResource}. A trust policy's id is its key's: suspend, reactivate,
 * revoke and change its policy through {@code admin/keys/{id}/…}.
 */
@Path("admin/applications/{id}/trust-policies")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_KEYS)
@SecurityRequirement(name = "bearer")
public class ApplicationTrustPoliciesResource {

    @Inject
    FederationService federation;

    @Inject
    FederationSettings settings;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a trust policy",
            description = "{\"name\", \"issuer\", \"audience\", \"subject\" (pattern, * = any run), \"claims\": {path: pattern}, "
                    + "\"jwksUri\" or \"jwks\" (pinned public keys; neither = OpenID discovery), \"expiresInDays\", \"policy\"}. "
                    + "The policy must not grant more than an API key of the application (not revoked or expired) holds. 201 with "
                    + "the trust policy; its id is the client_id workloads send with their token.")
    public Response create(@PathParam("id") String applicationId, JsonObject body) {
        FederationService.TrustPolicyView created = federation.create(applicationId,
                TrustPolicyJson.parse(JsonBodies.requireBody(body), settings.issuerUrls()), caller.acting());
        return Response.created(uri.getBaseUriBuilder().path("admin/trust-policies").path(created.trust().getKeyId()).build())
                .entity(Representations.trustPolicy(created)).build();
    }

    @GET
    @Operation(summary = "List an application's trust policies")
    public JsonObject list(@PathParam("id") String applicationId) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        federation.list(applicationId, caller.acting()).forEach(t -> items.add(Representations.trustPolicy(t)));
        return Json.createObjectBuilder().add("items", items).build();
    }
}
