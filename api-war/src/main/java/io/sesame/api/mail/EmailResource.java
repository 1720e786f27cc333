package io.sesame.api.mail;

import io.sesame.api.problem.HttpStatuses;
import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import io.sesame.api.security.Authenticated;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.mail.boundary.SendService;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.mail.control.MessageReader;
import io.sesame.mail.control.RequestHash;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.Reason;
import io.sesame.ses.control.OutgoingEmail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Sending: simple, raw MIME or templated mail through the caller's scoped token, and the dry run. One instance for all
 * requests (its collaborators are proxies), so that the hot path does not build and inject a resource per request.
 */
@ApplicationScoped
@Path("emails")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EmailResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    SendService sender;

    @Inject
    Caller caller;

    @Inject
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.SEND_EMAIL)
    @Operation(summary = "Send an email (ses:SendEmail)",
            description = "Simple {from,to,cc,bcc,replyTo,subject,text,html,configurationSet,tags}, raw {raw: base64 MIME} "
                    + "or templated {from,to,…,template,templateData}. Checked against the key's policy before SES is called. "
                    + "An Idempotency-Key header makes retries safe for 24 hours.")
    public Response send(String body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        if (!validIdempotencyKey(idempotencyKey)) {
            return problem(400, "invalid_idempotency_key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1-255 printable ASCII characters without spaces");
        }
        OutgoingEmail email = MessageReader.read(parse(body));
        SendService.Outcome outcome = sender.send(caller.context(), email, idempotencyKey,
                idempotencyKey == null ? null : RequestHash.of("ses:SendEmail", body));
        if (outcome instanceof SendService.Sent sent) {
            return Response.ok(sent.body(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (outcome instanceof SendService.Replayed replayed) {
            return replay(replayed.status(), replayed.body());
        }
        if (outcome instanceof SendService.Denied denied) {
            Reason reason = denied.decision().primary();
            Response.ResponseBuilder response = Response.fromResponse(problem(HttpStatuses.of(reason.code().kind()), reason.code().code(),
                    "Denied by policy", reason.detail() + " (audit " + denied.auditId() + ")"));
            if (denied.retryAfterSeconds() > 0) {
                response.header("Retry-After", denied.retryAfterSeconds());
            }
            return response.build();
        }
        if (outcome instanceof SendService.Failed failed) {
            Response.ResponseBuilder response = Response.fromResponse(problem(HttpStatuses.of(failed.failure().kind()),
                    failed.failure().code(), io.sesame.api.problem.SesFailureMapper.title(failed.failure()),
                    failed.failure().sesErrorCode() + ": " + failed.failure().getMessage() + " (audit " + failed.auditId() + ")"));
            if (HttpStatuses.retryLater(failed.failure().kind())) {
                response.header("Retry-After", 1);
            }
            return response.build();
        }
        SendService.IdempotencyRefused refused = (SendService.IdempotencyRefused) outcome;
        return problem(HttpStatuses.of(refused.kind()), refused.code(), "Idempotency conflict", refused.message());
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.SEND_BULK_EMAIL)
    @Operation(summary = "Send one template to up to 50 destinations (ses:SendBulkEmail)",
            description = "{from,replyTo,template,defaultTemplateData,configurationSet,tags,destinations:[{to,cc,bcc,templateData}]}. "
                    + "Each destination is checked as a message of its own and counts against rate and quota; the answer "
                    + "lists each destination's status, message id and audit id.")
    public Response sendBulk(String body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        if (!validIdempotencyKey(idempotencyKey)) {
            return problem(400, "invalid_idempotency_key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1-255 printable ASCII characters without spaces");
        }
        SendService.BulkOutcome outcome = sender.sendBulk(caller.context(), MessageReader.readBulk(parse(body)), idempotencyKey,
                idempotencyKey == null ? null : RequestHash.of("ses:SendBulkEmail", body));
        if (outcome.replayed()) {
            return replay(outcome.status(), outcome.body());
        }
        if (outcome.body() != null) {
            return Response.status(200).type(MediaType.APPLICATION_JSON_TYPE).entity(outcome.body()).build();
        }
        Response.ResponseBuilder response = Response.fromResponse(problem(HttpStatuses.of(outcome.refusal()), outcome.code(),
                outcome.code().startsWith("idempotency") ? "Idempotency conflict" : "Denied by policy", outcome.detail()));
        if (outcome.retryAfterSeconds() > 0) {
            response.header("Retry-After", outcome.retryAfterSeconds());
        }
        return response.build();
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Dry run: would this email be allowed?",
            description = "The full policy decision with every reason (permission, From, recipients, template, "
                    + "configuration set, IP, rate, quota). Sends nothing, counts nothing.")
    public JsonObject check(String body) {
        Decision decision = sender.check(caller.context(), MessageReader.read(parse(body)));
        JsonArrayBuilder reasons = Json.createArrayBuilder();
        decision.reasons().forEach(r -> reasons.add(Json.createObjectBuilder().add("code", r.code().code()).add("detail", r.detail())));
        var json = Json.createObjectBuilder().add("allowed", decision.allowed()).add("reasons", reasons);
        if (decision.configurationSet() != null) {
            json.add("configurationSet", decision.configurationSet());
        }
        return json.build();
    }

    /** 1-255 printable ASCII characters without spaces; compiled once, not on every send that carries a key. */
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY_FORM = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,255}");

    static boolean validIdempotencyKey(String key) {
        return key == null || IDEMPOTENCY_KEY_FORM.matcher(key).matches();
    }

    static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidMessageException("body", "a JSON object is required");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw new InvalidMessageException("body", "not valid JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidMessageException("body", "a JSON object is required");
        }
    }

    /** An Idempotency-Key's first answer again: its status, and problem+json when it was one (a 504 stays a 504). */
    private static Response replay(int status, String body) {
        return Response.status(status).type(status >= 400 ? Problem.PROBLEM_JSON : MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Idempotency-Replayed", "true").build();
    }

    private Response problem(int status, String code, String title, String detail) {
        return Problem.ofCode(status, code, title, detail, RequestIds.of(request)).toResponse();
    }

}
