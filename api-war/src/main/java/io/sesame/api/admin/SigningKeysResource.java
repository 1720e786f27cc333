package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.token.boundary.SigningKeyService;
import io.sesame.token.control.SigningKeyVersion;
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
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The JWT signing keys (public facts only) and an on-demand rotation. */
@Path("admin/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_KEYS)
@SecurityRequirement(name = "bearer")
public class SigningKeysResource {

    @Inject
    SigningKeyService signingKeys;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List signing keys")
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        Instant now = Instant.now();
        signingKeys.keys().forEach(k -> items.add(view(k, now)));
        return Json.createObjectBuilder().add("items", items).build();
    }

    @POST
    @Path("rotate")
    @Operation(summary = "Rotate the signing key now",
            description = "The new key is published at once and signs after the JWKS cache period, so verifiers know it first.")
    public JsonObject rotate() {
        return view(signingKeys.rotateNow(caller.acting()), Instant.now());
    }

    @POST
    @Path("{kid}/revoke")
    @Operation(summary = "Revoke a signing key now (suspected leak)",
            description = "The key leaves the JWKS and the database at once; every token it signed is refused from the next "
                    + "request on, on every instance; when it was the signing key, a new one signs at once. Callers fetch new tokens. "
                    + "Downstream verifiers that cache the JWKS keep the key until their cache expires (sesame.signing.jwks-max-age-seconds).")
    public JsonObject revoke(@PathParam("kid") String kid) {
        Instant now = Instant.now();
        JsonArrayBuilder items = Json.createArrayBuilder();
        signingKeys.revokeNow(kid, caller.acting()).keys().forEach(k -> items.add(view(k, now)));
        return Json.createObjectBuilder().add("revoked", kid).add("items", items).build();
    }

    private static JsonObject view(SigningKeyVersion k, Instant now) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("kid", k.kid())
                .add("algorithm", "ES256")
                .add("createdAt", k.createdAt().toString())
                .add("activatesAt", k.activatesAt().toString())
                .add("signing", k.signsAt(now));
        if (k.retiresAt() != null) {
            json.add("retiresAt", k.retiresAt().toString());
        }
        if (k.expiresAt() != null) {
            json.add("expiresAt", k.expiresAt().toString());
        }
        return json.build();
    }
}
