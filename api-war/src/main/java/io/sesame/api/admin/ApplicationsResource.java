package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.ApplicationService;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.Application;
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

/** Admin REST for applications and the keys they own. */
@Path("admin/applications")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ApplicationsResource {

    @Inject
    ApplicationService applications;

    @Inject
    KeyService keys;

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_APPLICATIONS)
    @Operation(summary = "Create an application", description = "{\"name\",\"owner\",\"contactEmail\",\"description\"}")
    public Response create(JsonObject body) {
        JsonObject b = JsonBodies.requireBody(body);
        Application created = applications.create(JsonBodies.string(b, "name", true),
                JsonBodies.string(b, "owner", true), JsonBodies.string(b, "contactEmail", false),
                JsonBodies.string(b, "description", false), caller.acting());
        return Response.created(uri.getAbsolutePathBuilder().path(created.getId()).build())
                .entity(Representations.application(created)).build();
    }

    @GET
    @Requires(Permission.MANAGE_APPLICATIONS)
    @Operation(summary = "List applications")
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        applications.list().forEach(a -> items.add(Representations.application(a)));
        return Json.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{id}")
    @Requires(Permission.MANAGE_APPLICATIONS)
    @Operation(summary = "Get one application")
    public JsonObject get(@PathParam("id") String id) {
        return Representations.application(applications.get(id));
    }

    @POST
    @Path("{id}/suspend")
    @Requires(Permission.MANAGE_APPLICATIONS)
    @Operation(summary = "Suspend an application", description = "Its keys and tokens stop working at once.")
    public JsonObject suspend(@PathParam("id") String id) {
        return Representations.application(applications.suspend(id, caller.acting()));
    }

    @POST
    @Path("{id}/reactivate")
    @Requires(Permission.MANAGE_APPLICATIONS)
    @Operation(summary = "Reactivate a suspended application")
    public JsonObject reactivate(@PathParam("id") String id) {
        return Representations.application(applications.reactivate(id, caller.acting()));
    }

    @POST
    @Path("{id}/revoke")
    @Requires(Permission.MANAGE_KEYS)
    @Operation(summary = "Revoke every key of an application")
    public JsonObject revokeAll(@PathParam("id") String id) {
        return Json.createObjectBuilder().add("revoked", keys.revokeAll(id, caller.acting())).build();
    }

    @POST
    @Path("{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_KEYS)
    @Operation(summary = "Issue an API key with a policy",
            description = "{\"name\",\"expiresInDays\",\"policy\":{\"permissions\":[…],\"scope\":{…}},\"reason\"}. 201: the response is "
                    + "the only place the key appears. 202 when four-eyes holds key issuing: the approval request (Location), which "
                    + "another admin approves and the caller then collects (POST /admin/approvals/{id}/collect).")
    public Response issue(@PathParam("id") String id, JsonObject body) {
        JsonObject b = JsonBodies.requireBody(body);
        Long days = JsonBodies.number(b, "expiresInDays");
        ApprovalService.Outcome<KeyService.IssuedKey> outcome = approvals.issueKey(id, JsonBodies.string(b, "name", true),
                days == null ? null : Math.toIntExact(days), PolicyJson.parse(JsonBodies.object(b, "policy")),
                JsonBodies.string(b, "reason", false), caller.acting());
        if (outcome.isPending()) {
            return ApprovalsResource.accepted(uri, approvals, outcome.pending());
        }
        KeyService.IssuedKey issued = outcome.done();
        return Response.created(uri.getBaseUriBuilder().path("admin/keys").path(issued.key().getId()).build())
                .header("Cache-Control", "no-store")
                .entity(Representations.issuedKey(issued)).build();
    }

    @GET
    @Path("{id}/keys")
    @Requires(Permission.MANAGE_KEYS)
    @Operation(summary = "List an application's keys (never their secrets)")
    public JsonObject keys(@PathParam("id") String id) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        keys.list(id).forEach(k -> items.add(Representations.key(k)));
        return Json.createObjectBuilder().add("items", items).build();
    }
}
