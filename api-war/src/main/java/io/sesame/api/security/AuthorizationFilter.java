package io.sesame.api.security;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.audit.control.CallContext;
import io.sesame.policy.control.ReasonCode;
import io.sesame.token.boundary.BearerAuthentication;
import io.sesame.token.boundary.TokenService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Guards every endpoint marked {@link Requires}: a bearer access token (ES256 signature against Sesame's published
 * signing keys — verified once per token —, type {@code at+jwt}, issuer, audience, expiry) whose key is still usable (not revoked, suspended, expired, rotated past grace; from an allowed IP; same
 * policy version) and which is not itself revoked, holding the required permission. Checked on every request,
 * so a revocation takes effect on the very next call.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    static final String BEARER = "Bearer ";
    static final String DPOP = "DPoP ";

    @Inject
    ClientAddresses clientAddresses;

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest request;

    @Inject
    BearerAuthentication bearers;

    @Inject
    CallAudit audit;

    @Inject
    UnattributedRefusals unattributed;

    @Inject
    Caller caller;

    @Inject
    DpopRequests dpopRequests;

    @Override
    public void filter(ContainerRequestContext context) {
        Requires requires = requirement();
        if (requires == null && !authenticatedOnly()) {
            return;
        }
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean dpopScheme = header != null && header.length() > DPOP.length() && header.regionMatches(true, 0, DPOP, 0, DPOP.length());
        if (header == null || !dpopScheme
                && (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length()))) {
            unattributed.record("bearer", ReasonCode.TOKEN_INVALID.code(), clientAddresses.of(request), "no bearer token");
            context.abortWith(unauthorized("A bearer access token is required (POST /api/v1/oauth/token).", "invalid_request"));
            return;
        }
        String token = header.substring(dpopScheme ? DPOP.length() : BEARER.length()).strip();
        TokenService.Bearer bearer = bearers.authenticate(token, clientAddresses.of(request));
        String action = Caller.action(resourceInfo);
        if (bearer.accepted() && !senderConstrained(context, bearer, dpopScheme, token, action)) {
            return; // refused and audited
        }
        if (!bearer.accepted()) {
            TokenService.Refusal refusal = bearer.refusal();
            if (bearer.keyId() != null) {
                // the token's signature held: someone holds this key's token and may not use it — that is for the audit
                audit.refused(CallContext.ofKey(bearer.keyId(), bearer.applicationId(), bearer.jti(), clientAddresses.of(request),
                        request.getHeader("User-Agent"), requestId()), action, refusal.reason(), refusal.description());
            } else {
                unattributed.record("bearer", refusal.reason().code(), clientAddresses.of(request), refusal.description());
            }
            context.abortWith(unauthorized("The access token is no longer valid: " + refusal.description() + ".", "invalid_token"));
            return;
        }
        request.setAttribute(Caller.CLAIMS, bearer.claims());
        request.setAttribute(Caller.RAW_TOKEN, token);
        if (requires == null) {
            return;
        }
        if (!Caller.groups(bearer.claims()).contains(action)) {
            String detail = "This call needs the permission " + action + ", which the access token does not hold.";
            long auditId = audit.refused(caller.context(), action, ReasonCode.PERMISSION_MISSING, detail);
            context.abortWith(Problem.ofCode(403, "permission_missing", "Permission missing",
                    detail + (auditId > 0 ? " (audit " + auditId + ")" : ""), requestId()).toResponse());
        }
    }

    /**
     * RFC 9449 §7: a DPoP-bound token ({@code cnf.jkt}) is accepted only with the DPoP scheme and a fresh proof by its key
     * for this very request; a bound token sent as Bearer is refused (no downgrade), and so is an unbound token sent as
     * DPoP. A refusal is a call event of the token's key: the token was genuine, its holder may not be its owner.
     *
     * @return whether the request may go on
     */
    private boolean senderConstrained(ContainerRequestContext context, TokenService.Bearer bearer, boolean dpopScheme, String token,
                                      String action) {
        Object cnf = bearer.claims().getClaim("cnf");
        String jkt = cnf instanceof java.util.Map<?, ?> map && map.get("jkt") instanceof String s ? s : null;
        if (jkt == null && !dpopScheme) {
            return true;
        }
        String problem;
        ReasonCode reason = ReasonCode.DPOP_PROOF_INVALID;
        if (jkt == null) {
            problem = "the access token is not DPoP-bound: send it with Authorization: Bearer";
        } else if (!dpopScheme) {
            problem = "the access token is DPoP-bound: send it with Authorization: DPoP and a DPoP proof";
        } else {
            io.sesame.dpop.boundary.DpopVerifier.Outcome proof = dpopRequests.forResource(request, token);
            if (proof.unavailable()) { // Sesame could not decide: nobody's fault, not the key's audit
                unattributed.record("dpop", ReasonCode.DPOP_PROOF_INVALID.code(), clientAddresses.of(request), proof.refusal());
                context.abortWith(Response.fromResponse(Problem.ofCode(503, "temporarily_unavailable", "Service Unavailable",
                        proof.refusal() + ".", requestId()).toResponse()).header(HttpHeaders.RETRY_AFTER, "1").build());
                return false;
            }
            if (!proof.valid()) {
                problem = proof.refusal();
                reason = proof.reason();
            } else if (!io.sesame.platform.control.Digests.constantTimeEquals(jkt, proof.jkt())) {
                problem = "the DPoP proof is signed by another key than the one the access token is bound to";
            } else {
                return true;
            }
        }
        audit.refused(CallContext.ofKey(bearer.keyId(), bearer.applicationId(), bearer.jti(), clientAddresses.of(request),
                request.getHeader("User-Agent"), requestId()), action, reason, problem);
        context.abortWith(Response.fromResponse(Problem.ofCode(401, "invalid_dpop_proof", "Unauthorized", problem + ".", requestId())
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP algs=\"ES256 ES384 ES512 RS256 PS256\", error=\"invalid_dpop_proof\"")
                .build());
        return false;
    }

    private Requires requirement() {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return null;
        }
        Requires requires = method.getAnnotation(Requires.class);
        return requires != null ? requires : resourceInfo.getResourceClass().getAnnotation(Requires.class);
    }

    private boolean authenticatedOnly() {
        Method method = resourceInfo.getResourceMethod();
        return method != null && (method.isAnnotationPresent(Authenticated.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(Authenticated.class));
    }


    private Response unauthorized(String detail, String error) {
        return Response.fromResponse(Problem.ofCode(401, error, "Unauthorized", detail, requestId()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sesame\", error=\"" + error + "\"")
                .build();
    }

    private String requestId() {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return id == null ? null : id.toString();
    }
}
