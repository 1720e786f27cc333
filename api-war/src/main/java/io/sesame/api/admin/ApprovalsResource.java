package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Four-eyes over REST: the requests waiting for a second person, approve and reject, and collect (the requester, once
 * approved, receives the key — the only time it is shown). Who may decide is the service's rule, not this door's.
 */
@Path("admin/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_KEYS)
@SecurityRequirement(name = "bearer")
public class ApprovalsResource {

    private static final Set<String> DECISION_FIELDS = Set.of("note");

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    /** 202 Accepted for a gated change: the request, where to follow it, and nothing applied yet. */
    static Response accepted(UriInfo uri, ApprovalService approvals, ApprovalRequest request) {
        return Response.accepted(view(approvals, request))
                .location(uri.getBaseUriBuilder().path("admin/approvals").path(String.valueOf(request.getId())).build()).build();
    }

    @GET
    @Operation(summary = "List approval requests", description = "Open ones (pending, or approved and not yet collected); ?all=true for the last 200 of any status.")
    public JsonObject list(@QueryParam("all") boolean all) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        boolean accounts = caller.acting().holds(Permission.MANAGE_PORTAL_USERS);
        approvals.list(!all).stream().filter(r -> accounts || !isAccountRequest(r)).forEach(r -> items.add(view(approvals, r)));
        return Json.createObjectBuilder().add("fourEyes", approvals.gates().describe()).add("items", items).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one approval request")
    public JsonObject get(@PathParam("id") String id) {
        ApprovalRequest request = approvals.get(idOf(id));
        if (isAccountRequest(request) && !caller.acting().holds(Permission.MANAGE_PORTAL_USERS)) {
            throw SesameException.notFound("approval request", id); // portal accounts are the portal admins' business
        }
        return view(approvals, request);
    }

    private static boolean isAccountRequest(ApprovalRequest r) {
        return r.getKind() == ApprovalRequest.Kind.CREATE_USER || r.getKind() == ApprovalRequest.Kind.CHANGE_ROLES;
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a request",
            description = "{\"note\"} optional. Not the requester, not the key or account it is about, and not a key or account the requester "
                    + "made (directly or through accounts they made): 409 four_eyes. A policy or role change applies now; a key or account "
                    + "waits for its requester to collect it.")
    public JsonObject approve(@PathParam("id") String id, JsonObject body) {
        return view(approvals, approvals.approve(idOf(id), caller.acting(), note(body)));
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject a request", description = "{\"note\"} required: why.")
    public JsonObject reject(@PathParam("id") String id, JsonObject body) {
        return view(approvals, approvals.reject(idOf(id), caller.acting(), note(body)));
    }

    @POST
    @Path("{id}/collect")
    @Operation(summary = "Collect an approved key", description = "The requester only, once: 201 with the key (the only time it is shown).")
    public Response collect(@PathParam("id") String id) {
        long requestId = idOf(id);
        ApprovalRequest.Kind kind = approvals.get(requestId).getKind();
        if (kind == ApprovalRequest.Kind.CREATE_USER || kind == ApprovalRequest.Kind.CHANGE_ROLES) {
            // an account's first password goes to the portal user who asked, never over an API a key holds
            throw SesameException.conflict("collect_in_portal", "Account requests are collected in the portal");
        }
        ApprovalService.Collected collected = approvals.collect(requestId, caller.acting());
        return Response.created(uri.getBaseUriBuilder().path("admin/keys").path(collected.key().key().getId()).build())
                .header("Cache-Control", "no-store").entity(Representations.issuedKey(collected.key())).build();
    }

    private static String note(JsonObject body) {
        if (body == null) {
            return null;
        }
        JsonBodies.onlyFields(body, DECISION_FIELDS);
        return JsonBodies.string(body, "note", false);
    }

    private static long idOf(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw SesameException.notFound("approval request", id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id);
        }
        return Long.parseLong(id);
    }

    static JsonObject view(ApprovalService approvals, ApprovalRequest r) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", r.getId())
                .add("kind", r.getKind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .add("status", r.getStatus().name().toLowerCase(Locale.ROOT))
                .add("asksFor", approvals.describe(r))
                .add("requestedBy", r.getRequestedBy())
                .add("requestedAt", r.getRequestedAt().toString());
        optional(json, "applicationId", r.getApplicationId());
        optional(json, "keyId", r.getKeyId());
        optional(json, "keyName", r.getKeyName());
        if (r.getExpiresDays() != null) {
            json.add("expiresInDays", r.getExpiresDays());
        }
        AccessPolicy policy = approvals.policyOf(r);
        if (policy != null) {
            json.add("policy", PolicyJson.toJson(policy));
        }
        optional(json, "username", r.getUsername());
        optional(json, "roles", r.getRoles());
        optional(json, "reason", r.getReason());
        optional(json, "decidedBy", r.getDecidedBy());
        optional(json, "decidedAt", r.getDecidedAt());
        optional(json, "decisionNote", r.getDecisionNote());
        optional(json, "resultKeyId", r.getResultKeyId());
        if (r.getGraceSeconds() != null) {
            json.add("graceSeconds", r.getGraceSeconds());
        }
        if (r.getBasePolicyVersion() != null) {
            json.add("basePolicyVersion", r.getBasePolicyVersion());
        }
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value != null) {
            json.add(name, value instanceof Instant i ? i.toString() : value.toString());
        }
    }
}
