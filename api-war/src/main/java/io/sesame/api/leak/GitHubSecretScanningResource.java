package io.sesame.api.leak;

import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.leak.boundary.LeakResponse;
import io.sesame.leak.boundary.LeakSettings;
import io.sesame.leak.boundary.ScannerKeys;
import io.sesame.leak.control.LeakReport;
import io.sesame.leak.control.ScannerSignature;
import io.sesame.platform.boundary.ClientAddresses;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * GitHub's secret scanning partner endpoint: GitHub POSTs the {@code sesame_} keys it found in public code, signed with
 * its ECDSA key; Sesame verifies the signature over the exact bytes received, revokes (or suspends) each genuine key,
 * and answers GitHub's feedback format ({@code token_hash}, {@code token_type}, {@code label}). Off unless
 * {@code sesame.leaks.github.enabled}.
 */
@Path("leaks/github")
public class GitHubSecretScanningResource {

    static final String KEY_IDENTIFIER = "Github-Public-Key-Identifier";
    static final String SIGNATURE = "Github-Public-Key-Signature";

    @Inject
    LeakSettings settings;

    @Inject
    ScannerKeys keys;

    @Inject
    LeakResponse leaks;

    @Inject
    UnattributedRefusals unattributed;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "GitHub secret scanning: report leaked Sesame keys",
            description = "Body: GitHub's JSON array of {token, type, url, source}, signed (Github-Public-Key-Identifier, "
                    + "Github-Public-Key-Signature: ECDSA P-256 SHA-256 over the body, keys from sesame.leaks.github.keys-url "
                    + "or pinned). Each genuine key is revoked or suspended (sesame.leaks.action). Answers [{token_hash, "
                    + "token_type, label: true_positive|false_positive}].")
    public Response report(byte[] body, @HeaderParam(KEY_IDENTIFIER) String keyIdentifier, @HeaderParam(SIGNATURE) String signature) {
        if (!settings.githubEnabled()) {
            return problem(404, "not_found", "Not Found", "GitHub secret scanning reports are off (sesame.leaks.github.enabled)");
        }
        if (keyIdentifier == null || signature == null || body == null || body.length == 0) {
            refused("signature missing");
            return problem(400, "signature_missing", "Bad Request", "a signed report needs a body and the headers " + KEY_IDENTIFIER
                    + " and " + SIGNATURE);
        }
        PublicKey key = keys.key(keyIdentifier.strip());
        if (key == null || !ScannerSignature.verify(key, body, signature)) {
            refused(key == null ? "unknown GitHub key identifier" : "bad signature");
            return problem(401, "signature_invalid", "Unauthorized", "the report's signature does not verify with GitHub's "
                    + "published secret scanning keys");
        }
        List<LeakReport> reports;
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue json = reader.readValue();
            reports = LeakReport.github(json);
        } catch (JsonException | IllegalArgumentException | IllegalStateException e) {
            return problem(400, "invalid_report", "Bad Request", e instanceof IllegalArgumentException ? e.getMessage()
                    : "the body is not JSON");
        }
        JsonArrayBuilder answer = Json.createArrayBuilder();
        List<LeakResponse.Outcome> outcomes = leaks.handle(reports, "github", clientAddresses.of(request), RequestIds.of(request));
        if (outcomes.stream().anyMatch(LeakResponse.Outcome::failed)) {
            // a genuine key could not be revoked now: GitHub sends the report again, and what was done stays done
            return Response.fromResponse(problem(503, "temporarily_unavailable", "Service Unavailable",
                    "not every reported key could be revoked now; send the report again")).header("Retry-After", "5").build();
        }
        for (LeakResponse.Outcome outcome : outcomes) {
            answer.add(Json.createObjectBuilder().add("token_hash", outcome.tokenHash()).add("token_type", outcome.tokenType())
                    .add("label", outcome.truePositive() ? "true_positive" : "false_positive"));
        }
        return Response.ok(answer.build(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private void refused(String why) {
        unattributed.record("leaks", "signature_invalid", clientAddresses.of(request), why);
    }

    private Response problem(int status, String code, String title, String detail) {
        return Problem.ofCode(status, code, title, detail, RequestIds.of(request)).toResponse();
    }
}
