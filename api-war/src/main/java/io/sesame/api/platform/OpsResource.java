package io.sesame.api.platform;

import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.platform.boundary.MetricsExport;
import io.sesame.platform.boundary.OpsSettings;
import io.sesame.platform.control.PrometheusText;
import io.sesame.startup.boundary.SesameReadiness;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operator endpoints: metrics and readiness with its reasons, for the configured networks
 * ({@code sesame.ops.networks}, none by default) or a bearer {@code sesame.ops.token} — not for API keys' tokens,
 * and not for the public, which gets {@code /health/ready} without reasons.
 */
@Path("ops")
public class OpsResource {

    @Inject
    OpsSettings ops;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    MetricsExport metrics;

    @Inject
    @Readiness
    SesameReadiness readiness;

    @Context
    HttpServletRequest request;

    @GET
    @Path("metrics")
    @Produces(PrometheusText.CONTENT_TYPE)
    @Operation(summary = "Metrics in Prometheus text (operators only)",
            description = "The JVM's base figures and Sesame's application metrics. Only from sesame.ops.networks or with the bearer sesame.ops.token.")
    public Response metrics() {
        Response refused = refusal();
        if (refused != null) {
            return refused;
        }
        return Response.ok(metrics.prometheus(), PrometheusText.CONTENT_TYPE).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Readiness with its reasons (operators only)",
            description = "200 when ready, 503 with every reason when not. Only from sesame.ops.networks or with the bearer sesame.ops.token.")
    public Response ready() {
        Response refused = refusal();
        if (refused != null) {
            return refused;
        }
        HealthCheckResponse details = readiness.details();
        JsonObjectBuilder data = Json.createObjectBuilder();
        details.getData().ifPresent(d -> d.forEach((k, v) -> data.add(k, String.valueOf(v))));
        boolean up = details.getStatus() == HealthCheckResponse.Status.UP;
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(Json.createObjectBuilder().add("status", details.getStatus().name()).add("data", data).build().toString())
                .build();
    }

    private Response refusal() {
        if (ops.access().admits(clientAddresses.forOperatorNetworks(request), request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        return Problem.ofCode(403, "ops_restricted", "Operators only", "The operator endpoints answer the networks in sesame.ops.networks "
                + "or a bearer sesame.ops.token; this client is neither", RequestIds.of(request)).toResponse();
    }
}
