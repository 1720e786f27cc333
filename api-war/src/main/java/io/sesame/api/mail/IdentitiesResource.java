package io.sesame.api.mail;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Verified identities and configuration sets (read-only). */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class IdentitiesResource {

    @Inject
    SesOperations ses;

    @Inject
    Caller caller;

    @GET
    @Path("identities")
    @Requires(Permission.LIST_EMAIL_IDENTITIES)
    @Operation(summary = "List identities (ses:ListEmailIdentities)", description = "Needs the aws transport.")
    public JsonObject identities() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listIdentities(caller.context()).forEach(items::add);
        return Json.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("identities/{identity}")
    @Requires(Permission.GET_EMAIL_IDENTITY)
    @Operation(summary = "One identity's verification and DKIM status (ses:GetEmailIdentity)", description = "Needs the aws transport.")
    public JsonObject identity(@PathParam("identity") String identity) {
        return ses.getIdentity(caller.context(), identity);
    }

    @GET
    @Path("configuration-sets")
    @Requires(Permission.LIST_CONFIGURATION_SETS)
    @Operation(summary = "List configuration sets (ses:ListConfigurationSets)", description = "Needs the aws transport.")
    public JsonObject configurationSets() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listConfigurationSets(caller.context()).forEach(items::add);
        return Json.createObjectBuilder().add("items", items).build();
    }
}
