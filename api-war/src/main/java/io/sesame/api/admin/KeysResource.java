package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyHygiene;
import io.sesame.token.boundary.KeyService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin REST for API keys: read, change policy, rotate, suspend, revoke. */
@Path("admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_KEYS)
@SecurityRequirement(name = "bearer")
public class KeysResource {

    @Inject
    KeyService keys;

    @Inject
    KeyHygiene hygiene;

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List keys (never their secrets)")
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        keys.list(null).forEach(k -> items.add(Representations.key(k)));
        return Json.createObjectBuilder().add("items", items).build();
    }

    @POST
    @Path("hygiene")
    @Operation(summary = "Run key hygiene now",
            description = "What the hourly timer does: mark expired keys, record expiry warnings and unused keys. Returns the findings.")
    public JsonObject hygiene() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        hygiene.run(java.time.Instant.now(), caller.acting()).forEach(f -> items.add(Json.createObjectBuilder()
                .add("keyId", f.keyId()).add("event", f.event()).add("detail", f.detail())));
        return Json.createObjectBuilder().add("findings", items).build();
    }

    @GET
    @Path("{keyId}")
    @Operation(summary = "Get one key")
    public JsonObject get(@PathParam("keyId") String keyId) {
        return Representations.key(keys.get(keyId));
    }

    @PUT
    @Path("{keyId}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a key's policy", description = "{\"policy\":{…},\"reason\"} → 200, a new policyVersion; tokens minted under "
            + "the old one stop working. 202 when the change widens the key and four-eyes holds widening: the approval request "
            + "(Location); the change applies when another admin approves it.")
    public Response changePolicy(@PathParam("keyId") String keyId, JsonObject body) {
        JsonObject b = JsonBodies.requireBody(body);
        ApprovalService.Outcome<KeyService.KeyView> outcome = approvals.changePolicy(keyId, PolicyJson.parse(JsonBodies.object(b, "policy")),
                JsonBodies.string(b, "reason", false), caller.acting());
        return outcome.isPending() ? ApprovalsResource.accepted(uri, approvals, outcome.pending())
                : Response.ok(Representations.key(outcome.done())).build();
    }

    @POST
    @Path("{keyId}/rotate")
    @Operation(summary = "Rotate a key", description = "{\"graceSeconds\":86400} (0 = the old key dies at once). 201: the new key, once. "
            + "202 when four-eyes holds key issuing and the caller is neither the key nor its maker (the new secret would go to them): "
            + "the approval request; the caller collects the new key once it is approved.")
    public Response rotate(@PathParam("keyId") String keyId, JsonObject body) {
        Long grace = JsonBodies.number(body, "graceSeconds");
        ApprovalService.Outcome<KeyService.IssuedKey> outcome = approvals.rotateKey(keyId, grace, JsonBodies.string(body, "reason", false),
                caller.acting());
        if (outcome.isPending()) {
            return ApprovalsResource.accepted(uri, approvals, outcome.pending());
        }
        KeyService.IssuedKey issued = outcome.done();
        return Response.created(uri.getBaseUriBuilder().path("admin/keys").path(issued.key().getId()).build())
                .header("Cache-Control", "no-store")
                .entity(Representations.issuedKey(issued)).build();
    }

    @POST
    @Path("{keyId}/revoke")
    @Operation(summary = "Revoke a key", description = "Effective on the very next request, for the key and every token minted from it.")
    public JsonObject revoke(@PathParam("keyId") String keyId) {
        return Representations.key(keys.revoke(keyId, caller.acting()));
    }

    @POST
    @Path("{keyId}/suspend")
    @Operation(summary = "Suspend a key")
    public JsonObject suspend(@PathParam("keyId") String keyId) {
        return Representations.key(keys.suspend(keyId, caller.acting()));
    }

    @POST
    @Path("{keyId}/reactivate")
    @Operation(summary = "Reactivate a suspended key")
    public JsonObject reactivate(@PathParam("keyId") String keyId) {
        return Representations.key(keys.reactivate(keyId, caller.acting()));
    }
}
