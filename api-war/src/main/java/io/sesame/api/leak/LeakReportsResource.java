package io.sesame.api.leak;

import io.sesame.api.admin.JsonBodies;
import io.sesame.api.problem.RequestIds;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.leak.boundary.LeakResponse;
import io.sesame.leak.control.LeakReport;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Any scanner's door (gitleaks, trufflehog, GitLab secret detection): report found keys; each genuine one is revoked. */
@Path("admin/leaks")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.REPORT_LEAKED_KEYS)
@SecurityRequirement(name = "bearer")
public class LeakReportsResource {

    @Inject
    LeakResponse leaks;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report leaked API keys",
            description = "{\"keys\": [{\"key\": \"sesame_…\", \"url\": \"where it was found\", \"source\": \"gitleaks\"}]} (1-1000). "
                    + "Each genuine key (format, checksum, existing, secret matching) is revoked (or suspended: "
                    + "sesame.leaks.action) and recorded as key.leak-reported; the answer labels each entry.")
    public JsonObject report(JsonObject body) {
        java.util.List<LeakReport> reports;
        try {
            reports = LeakReport.generic(JsonBodies.requireBody(body));
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid("keys", e.getMessage());
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (LeakResponse.Outcome outcome : leaks.handle(reports, "key:" + caller.keyId(), caller.ip(), RequestIds.of(request))) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("tokenHash", outcome.tokenHash())
                    .add("label", outcome.truePositive() ? "true_positive" : "false_positive");
            if (outcome.truePositive()) { // the reporter holds the whole secret: naming its key reveals nothing new
                item.add("keyId", outcome.keyId()).add("action", outcome.action());
            }
            items.add(item);
        }
        return Json.createObjectBuilder().add("items", items).build();
    }
}
