package io.sesame.api.sts;

import io.sesame.api.admin.JsonBodies;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.sts.boundary.CredentialVending;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Temporary AWS credentials scoped by the key's policy (sesame:VendAwsCredentials). */
@Path("credentials/aws")
@SecurityRequirement(name = "bearer")
public class CredentialsResource {

    @Inject
    CredentialVending vending;

    @Inject
    Caller caller;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.VEND_AWS_CREDENTIALS)
    @Operation(summary = "Vend temporary AWS credentials scoped by the key's policy",
            description = "Body (optional): {\"durationSeconds\": 3600}, clamped to [900, the policy's credentialTtlSeconds ≤ 43200] and "
                    + "the key's expiry. STS AssumeRole with the session policy generated from the key's scope, RoleSessionName and "
                    + "SourceIdentity sesame-<keyId>, tags sesame-key-id and sesame-application. Returns AccessKeyId, "
                    + "SecretAccessKey, SessionToken, Expiration and the policy used.")
    public Response vend(JsonObject body) {
        if (body != null) {
            JsonBodies.onlyFields(body, Set.of("durationSeconds"));
        }
        Long requested = JsonBodies.number(body, "durationSeconds");
        CredentialVending.Vended v = vending.vend(caller.context(), requested == null ? null : (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, requested)));
        JsonObject json = Json.createObjectBuilder()
                .add("AccessKeyId", v.accessKeyId()).add("SecretAccessKey", v.secretAccessKey())
                .add("SessionToken", v.sessionToken()).add("Expiration", v.expiration().toString())
                .add("DurationSeconds", v.durationSeconds())
                .add("AssumedRoleId", v.assumedRoleId() == null ? "" : v.assumedRoleId())
                .add("Policy", Json.createReader(new java.io.StringReader(v.policy())).readObject()).build();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(json).cacheControl(noStore).build();
    }
}
