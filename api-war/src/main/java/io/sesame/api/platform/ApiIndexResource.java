package io.sesame.api.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/v1}: what this API is and where to look next. */
@Path("")
public class ApiIndexResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "API index", description = "Name, version and links to the OpenAPI document and health endpoints.")
    public JsonObject index() {
        return Json.createObjectBuilder()
                .add("name", "Sesame")
                .add("description", "Scoped, short-lived, revocable tokens for Amazon SES v2")
                .add("apiVersion", "1")
                .add("links", Json.createObjectBuilder()
                        .add("openapi", "/openapi")
                        .add("health", "/health/ready")
                        .add("metrics", "/api/v1/ops/metrics")
                        .add("admin", "/admin/"))
                .build();
    }
}
