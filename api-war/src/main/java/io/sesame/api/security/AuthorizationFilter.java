package io.sesame.api.security;

import com.nimbusds.jose.JOSEObject;
import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import io.sesame.token.boundary.TokenService;
import io.sesame.token.control.AccessTokenIssuer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
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
import java.security.Principal;
import java.text.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Guards every endpoint marked {@link Requires}: a bearer token verified by MP-JWT, of type {@code at+jwt},
 * whose key is still usable (not revoked, suspended, expired, rotated past grace; from an allowed IP; same
 * policy version) and which is not itself revoked, holding the required permission. Checked on every request,
 * so a revocation takes effect on the very next call.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest request;

    @Inject
    TokenService tokens;

    @Override
    public void filter(ContainerRequestContext context) {
        Requires requires = requirement();
        if (requires == null && !authenticatedOnly()) {
            return;
        }
        Principal principal = context.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            context.abortWith(unauthorized("A bearer access token is required (POST /api/v1/oauth/token).", "invalid_request"));
            return;
        }
        if (!isAccessToken(jwt.getRawToken())) {
            context.abortWith(unauthorized("The bearer token is not an access token (typ must be at+jwt).", "invalid_token"));
            return;
        }
        Object clientId = jwt.getClaim("client_id");
        String refusal = tokens.refusalFor(clientId == null ? null : clientId.toString(), jwt.getTokenID(),
                policyVersion(jwt.getClaim("pv")), request.getRemoteAddr());
        if (refusal != null) {
            context.abortWith(unauthorized("The access token is no longer valid: " + refusal + ".", "invalid_token"));
            return;
        }
        if (requires == null) {
            return;
        }
        String action = requires.value().action();
        if (jwt.getGroups() == null || !jwt.getGroups().contains(action)) {
            context.abortWith(Problem.ofCode(403, "permission_missing", "Permission missing",
                    "This call needs the permission " + action + ", which the access token does not hold.",
                    requestId()).toResponse());
        }
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

    private static Integer policyVersion(Object claim) {
        if (claim instanceof JsonNumber n) {
            return n.intValue();
        }
        if (claim instanceof Number n) {
            return n.intValue();
        }
        return null;
    }

    static boolean isAccessToken(String raw) {
        try {
            return AccessTokenIssuer.ACCESS_TOKEN_TYPE.equals(JOSEObject.parse(raw).getHeader().getType());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
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
