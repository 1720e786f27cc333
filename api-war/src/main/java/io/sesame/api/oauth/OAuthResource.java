package io.sesame.api.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.api.problem.RequestIds;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.audit.control.CallContext;
import io.sesame.policy.control.Permission;
import io.sesame.token.boundary.TokenService;
import io.sesame.token.control.OAuthError;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** OAuth 2.0 for applications: client-credentials token grant (RFC 6749 §4.4), introspection (RFC 7662), revocation (RFC 7009). */
@Path("oauth")
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @Inject
    CallAudit audit;

    @Inject
    UnattributedRefusals unattributed;

    @Context
    HttpServletRequest request;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Trade an API key for an access token",
            description = "grant_type=client_credentials; the API key as client_secret (or HTTP Basic keyId:apiKey); "
                    + "optional scope (space-separated actions) to down-scope. Errors per RFC 6749 §5.2.")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                          @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<String[]> basic = basicCredentials(authorization);
        if (authorization != null && basic.isEmpty()) {
            return error(OAuthError.INVALID_REQUEST, "Authorization must be HTTP Basic with keyId:apiKey", false);
        }
        if (basic.isPresent() && clientSecret != null) {
            return error(OAuthError.INVALID_REQUEST, "use one client authentication method: HTTP Basic or client_secret", true);
        }
        if (grantType == null || grantType.isBlank()) {
            return error(OAuthError.INVALID_REQUEST, "grant_type is required", basic.isPresent());
        }
        if (!"client_credentials".equals(grantType)) {
            return error(OAuthError.UNSUPPORTED_GRANT_TYPE, "only grant_type=client_credentials is supported", basic.isPresent());
        }
        String key = basic.map(b -> b[1]).orElse(clientSecret);
        String claimedId = basic.map(b -> b[0]).orElse(clientId);
        if (key == null || key.isBlank()) {
            return error(OAuthError.INVALID_CLIENT, "the API key is required (client_secret or HTTP Basic)", basic.isPresent());
        }
        TokenService.Exchange outcome = tokens.exchange(key, claimedId, scope, caller.ip());
        if (outcome instanceof TokenService.Refused refused) {
            auditRefusal(refused);
            Response.ResponseBuilder answer = errorBuilder(refused.error(), refused.description(), basic.isPresent());
            if (refused.retryAfterSeconds() > 0) {
                answer.header(HttpHeaders.RETRY_AFTER, refused.retryAfterSeconds());
            }
            return answer.build();
        }
        TokenService.Issued issued = (TokenService.Issued) outcome;
        JsonObject body = Json.createObjectBuilder()
                .add("access_token", issued.token().token())
                .add("token_type", "Bearer")
                .add("expires_in", issued.token().expiresIn())
                .add("scope", issued.token().scope())
                .build();
        return noStore(Response.ok(body)).build();
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(Permission.INTROSPECT)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Introspect an access token (RFC 7662)", description = "Needs sesame:Introspect.")
    public Response introspect(@FormParam("token") String token) {
        if (token == null || token.isBlank()) {
            return error(OAuthError.INVALID_REQUEST, "token is required", false);
        }
        Optional<JWTClaimsSet> claims = tokens.introspect(token);
        if (claims.isEmpty()) {
            return noStore(Response.ok(Json.createObjectBuilder().add("active", false).build())).build();
        }
        JWTClaimsSet c = claims.get();
        JsonArrayBuilder aud = Json.createArrayBuilder();
        c.getAudience().forEach(aud::add);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("active", true)
                .add("token_type", "Bearer")
                .add("scope", String.valueOf(c.getClaim("scope")))
                .add("client_id", String.valueOf(c.getClaim("client_id")))
                .add("sub", c.getSubject())
                .add("iss", c.getIssuer())
                .add("aud", aud)
                .add("jti", c.getJWTID())
                .add("iat", c.getIssueTime().toInstant().getEpochSecond())
                .add("exp", c.getExpirationTime().toInstant().getEpochSecond());
        return noStore(Response.ok(body.build())).build();
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke an access token or an API key (RFC 7009)",
            description = "Presenting the token (or key) proves ownership. Answers 200 even for unknown tokens, as the RFC asks.")
    public Response revoke(@FormParam("token") String token) {
        if (token == null || token.isBlank()) {
            return error(OAuthError.INVALID_REQUEST, "token is required", false);
        }
        tokens.revoke(token, caller.ip());
        return noStore(Response.ok()).build();
    }

    /**
     * A refused exchange that named an existing key is a call event (action {@code oauth:token}): wrong secrets and
     * suspended or rotated keys presented are what probing looks like. Unknown keys are counted and logged, not stored.
     */
    private void auditRefusal(TokenService.Refused refused) {
        if (refused.keyId() == null) {
            unattributed.record("oauth", refused.reason().code(), caller.ip(), refused.description());
            return;
        }
        audit.refused(CallContext.ofKey(refused.keyId(), refused.applicationId(), null, caller.ip(), request.getHeader("User-Agent"),
                RequestIds.of(request)), "oauth:token", refused.reason(), refused.description());
    }

    /** RFC 6749 §2.3.1: Basic with form-urlencoded id and secret. */
    static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response error(OAuthError error, String description, boolean basicUsed) {
        return errorBuilder(error, description, basicUsed).build();
    }

    private static Response.ResponseBuilder errorBuilder(OAuthError error, String description, boolean basicUsed) {
        Response.ResponseBuilder builder = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", error.code()).add("error_description", description).build());
        if (error == OAuthError.INVALID_CLIENT) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, basicUsed ? "Basic realm=\"sesame\"" : "Bearer realm=\"sesame\"");
        }
        return noStore(builder);
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
