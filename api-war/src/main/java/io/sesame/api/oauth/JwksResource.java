package io.sesame.api.oauth;

import io.sesame.token.boundary.SigningKeyService;
import io.sesame.token.boundary.TokenSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The public signing keys, current and still-valid (RFC 7517). Served from memory: cheap and never blocking. */
@Path(".well-known/jwks.json")
public class JwksResource {

    @Inject
    SigningKeyService signingKeys;

    @Inject
    TokenSettings tokenSettings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set", description = "Every public key whose tokens may still be valid, plus the next one.")
    public Response jwks() {
        return Response.ok(signingKeys.jwks().toString(true))
                .header("Cache-Control", "public, max-age=" + tokenSettings.jwksMaxAge().getSeconds())
                .build();
    }
}
