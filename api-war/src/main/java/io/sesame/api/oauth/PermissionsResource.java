package io.sesame.api.oauth;

import io.sesame.policy.control.Permission;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The permission catalogue, for policy authors and tools. */
@Path("permissions")
public class PermissionsResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The permission catalogue", description = "Every action, grouped by area; grantableToKeys is false for the portal's own administration, which only portal admins hold.")
    public JsonArray permissions() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (Permission p : Permission.values()) {
            out.add(Json.createObjectBuilder()
                    .add("action", p.action())
                    .add("area", p.area().title())
                    .add("description", p.description())
                    .add("sesOperation", p.sesOperation().orElse(""))
                    .add("takesFrom", p.takesFrom())
                    .add("takesRecipients", p.takesRecipients())
                    .add("takesTemplate", p.takesTemplate())
                    .add("grantableToKeys", p.grantableToKeys()));
        }
        return out.build();
    }
}
