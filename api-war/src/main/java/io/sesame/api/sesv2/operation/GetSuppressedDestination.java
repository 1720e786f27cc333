package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
/** SES v2 GetSuppressedDestination: an address within the key's recipient domains. */
@ApplicationScoped
public class GetSuppressedDestination implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.GET_SUPPRESSED_DESTINATION;
    }

    @Override
    public String route() {
        return "GET /v2/email/suppression/addresses/{EmailAddress}";
    }

    @Override
    public JsonObject handle(SesCall call) {
        return Json.createObjectBuilder().add("SuppressedDestination",
                SuppressionJson.destination(ses.getSuppressed(call.caller(), call.path("EmailAddress")))).build();
    }
}
