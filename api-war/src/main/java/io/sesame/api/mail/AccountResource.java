package io.sesame.api.mail;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Sending status and quota (ses:GetAccount), with the calling key's own limits and usage. */
@Path("account")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AccountResource {

    @Inject
    SesOperations ses;

    @Inject
    Caller caller;

    @GET
    @Requires(Permission.GET_ACCOUNT)
    @Operation(summary = "Sending status and quota",
            description = "SES's account status and send quota (or the sandbox's), plus this key's daily quota, rate and usage today.")
    public JsonObject account() {
        return ses.account(caller.context());
    }
}
