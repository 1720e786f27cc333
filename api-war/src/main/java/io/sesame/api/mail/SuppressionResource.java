package io.sesame.api.mail;

import io.sesame.api.admin.JsonBodies;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The account's suppression list; addresses are held to the key's recipient domain rules. */
@Path("suppression")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SuppressionResource {

    @Inject
    SesOperations ses;

    @Inject
    Caller caller;

    @GET
    @Requires(Permission.LIST_SUPPRESSED_DESTINATIONS)
    @Operation(summary = "List suppressed addresses (ses:ListSuppressedDestinations)", description = "Needs the aws transport.")
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listSuppressed(caller.context()).forEach(items::add);
        return Json.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{email}")
    @Requires(Permission.GET_SUPPRESSED_DESTINATION)
    @Operation(summary = "One suppressed address (ses:GetSuppressedDestination)")
    public JsonObject get(@PathParam("email") String email) {
        return ses.getSuppressed(caller.context(), email);
    }

    @PUT
    @Path("{email}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.PUT_SUPPRESSED_DESTINATION)
    @Operation(summary = "Suppress an address (ses:PutSuppressedDestination)", description = "{\"reason\":\"BOUNCE\"|\"COMPLAINT\"}")
    public Response put(@PathParam("email") String email, JsonObject body) {
        ses.putSuppressed(caller.context(), email, JsonBodies.string(body, "reason", true));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{email}")
    @Requires(Permission.DELETE_SUPPRESSED_DESTINATION)
    @Operation(summary = "Remove an address from the suppression list (ses:DeleteSuppressedDestination)")
    public Response delete(@PathParam("email") String email) {
        ses.deleteSuppressed(caller.context(), email);
        return Response.noContent().build();
    }
}
