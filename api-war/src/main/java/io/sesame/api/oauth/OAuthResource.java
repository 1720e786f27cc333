package io.sesame.api.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.api.problem.RequestIds;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.audit.control.CallContext;
import io.sesame.policy.control.Permission;
import io.sesame.api.security.Authenticated;
import io.sesame.api.security.DpopRequests;
import io.sesame.token.control.DpopBinding;
import io.sesame.federation.boundary.FederationService;
import jakarta.ws.rs.BeanParam;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.boundary.TokenService;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.control.KeyState;
import jakarta.ws.rs.GET;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
    KeyDirectory directory;

    @Inject
    FederationService federation;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    DpopRequests dpopRequests;

    @Inject
    UnattributedRefusals unattributed;

    @Context
    HttpServletRequest request;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Trade an API key for an access token",
            description = "grant_type=client_credentials; the API key as client_secret (or HTTP Basic keyId:apiKey); "
                    + "optional scope (space-separated actions) to down-scope. Or RFC 8693 token exchange: grant_type="
                    + "urn:ietf:params:oauth:grant-type:token-exchange, client_id = a trust policy's id, subject_token = the "
                    + "workload's OIDC token, subject_token_type = urn:ietf:params:oauth:token-type:jwt (or :id_token). "
                    + "Errors per RFC 6749 §5.2.")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                          @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @BeanParam TokenExchangeForm exchange) {
        if (TokenExchangeForm.GRANT_TYPE.equals(grantType)) {
            return tokenExchange(exchange, clientId, clientSecret, authorization, scope);
        }
        DpopBinding dpop = dpopRequests.forTokenRequest(request);
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
            return error(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type must be client_credentials or "
                    + TokenExchangeForm.GRANT_TYPE, basic.isPresent());
        }
        String key = basic.map(b -> b[1]).orElse(clientSecret);
        String claimedId = basic.map(b -> b[0]).orElse(clientId);
        if (key == null || key.isBlank()) {
            return error(OAuthError.INVALID_CLIENT, "the API key is required (client_secret or HTTP Basic)", basic.isPresent());
        }
        TokenService.Exchange outcome = tokens.exchange(key, claimedId, scope, caller.ip(), dpop);
        if (outcome instanceof TokenService.Refused refused) {
            return refusal(refused, "oauth:token", basic.isPresent());
        }
        TokenService.Issued issued = (TokenService.Issued) outcome;
        JsonObject body = Json.createObjectBuilder()
                .add("access_token", issued.token().token())
                .add("token_type", issued.dpop() ? "DPoP" : "Bearer")
                .add("expires_in", issued.token().expiresIn())
                .add("scope", issued.token().scope())
                .build();
        return noStore(Response.ok(body)).build();
    }

    /**
     * RFC 8693 token exchange for a trust policy: a public client (no secret; the workload's token is the proof). A
     * refusal that names an existing trust policy is a call event of its key, naming the workload's subject once the
     * token's signature held.
     */
    private Response tokenExchange(TokenExchangeForm form, String clientId, String clientSecret, String authorization, String scope) {
        if (authorization != null || clientSecret != null) {
            return error(OAuthError.INVALID_REQUEST, "token exchange takes no client secret: send client_id (the trust policy's "
                    + "id) and the workload's token as subject_token", false);
        }
        String problem = form.problem(tokenSettings.tokenAudience());
        if (problem != null) {
            return error(problem.startsWith("audience") || problem.startsWith("resource") ? OAuthError.INVALID_TARGET
                    : OAuthError.INVALID_REQUEST, problem, false);
        }
        if (clientId == null || clientId.isBlank()) {
            return error(OAuthError.INVALID_REQUEST, "client_id (the trust policy's id) is required", false);
        }
        TokenService.Exchange outcome = federation.exchange(clientId, form.subjectToken(), scope, caller.ip(), RequestIds.of(request),
                dpopRequests.forTokenRequest(request));
        if (outcome instanceof TokenService.Refused refused) {
            return refusal(refused, FederationService.EXCHANGE_ACTION, false);
        }
        TokenService.Issued issued = (TokenService.Issued) outcome;
        JsonObject body = Json.createObjectBuilder()
                .add("access_token", issued.token().token())
                .add("issued_token_type", TokenExchangeForm.ACCESS_TOKEN_TYPE)
                .add("token_type", issued.dpop() ? "DPoP" : "Bearer")
                .add("expires_in", issued.token().expiresIn())
                .add("scope", issued.token().scope())
                .build();
        return noStore(Response.ok(body)).build();
    }

    @GET
    @Path("whoami")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Who is calling: the token's application, key, permissions, scope and expiry",
            description = "Any valid access token; no permission needed. The permissions are the token's (after any down-scoping), "
                    + "the scope is the key's current policy, which the token was minted under. A diagnostic read, not a call "
                    + "event; a refused token is audited like on any other endpoint.")
    public Response whoami() {
        JsonWebToken token = caller.token();
        KeyState key = directory.find(token.getName());
        if (key == null) { // deleted between the filter's check and now (a restore): the filter refuses the next call
            return error(OAuthError.INVALID_REQUEST, "the token's key no longer exists", false);
        }
        Instant now = Instant.now();
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        JsonArrayBuilder permissions = Json.createArrayBuilder();
        token.getGroups().stream().sorted().forEach(permissions::add);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("application", Json.createObjectBuilder()
                        .add("id", key.applicationId())
                        .add("name", key.applicationName())
                        .add("status", key.applicationStatus().name().toLowerCase(Locale.ROOT)))
                .add("key", Json.createObjectBuilder()
                        .add("id", key.keyId())
                        .add("status", key.status().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .add("credential", key.federated() ? "federated" : "api-key")
                        .add("policyVersion", key.policyVersion())
                        .add("expiresAt", key.expiresAt().toString()))
                .add("token", Json.createObjectBuilder()
                        .add("jti", token.getTokenID())
                        .add("issuedAt", Instant.ofEpochSecond(token.getIssuedAtTime()).toString())
                        .add("expiresAt", expiresAt.toString())
                        .add("expiresIn", Math.max(0, Duration.between(now, expiresAt).getSeconds()))
                        .add("type", token.getClaim("cnf") == null ? "Bearer" : "DPoP"))
                .add("permissions", permissions)
                .add("scope", PolicyJson.scopeToJson(key.policy().scope()));
        if (token.getClaim("cnf") instanceof jakarta.json.JsonObject cnf) {
            body.add("cnf", cnf); // bound to the client's key (RFC 9449): its thumbprint
        }
        if (token.getClaim("act") instanceof jakarta.json.JsonObject act) {
            body.add("workload", act); // a federated token: the workload, by its issuer's word
        }
        return noStore(Response.ok(body.build())).build();
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
        try {
            java.util.Map<String, Object> cnf = c.getJSONObjectClaim("cnf");
            if (cnf != null && cnf.get("jkt") instanceof String jkt) {
                body.add("cnf", Json.createObjectBuilder().add("jkt", jkt)).add("token_type", "DPoP"); // RFC 9449 §6.2
            }
        } catch (java.text.ParseException ignored) {
            // not an object: not a binding Sesame wrote
        }
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
     * A refused exchange that named an existing key is a call event (action {@code oauth:token} or {@code oauth:token-exchange}): wrong secrets and
     * suspended or rotated keys presented are what probing looks like. Unknown keys are counted and logged, not stored.
     */
    private Response refusal(TokenService.Refused refused, String action, boolean basicUsed) {
        if (refused.keyId() == null) {
            unattributed.record("oauth", refused.reason().code(), caller.ip(), refused.description());
        } else {
            audit.refused(CallContext.ofKey(refused.keyId(), refused.applicationId(), null, caller.ip(), request.getHeader("User-Agent"),
                    RequestIds.of(request)), action, refused.reason(), refused.description());
        }
        Response.ResponseBuilder answer = errorBuilder(refused.error(), refused.description(), basicUsed);
        if (refused.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, refused.retryAfterSeconds());
        }
        return answer.build();
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
