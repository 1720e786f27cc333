package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
/** SES v2 DeleteSuppressedDestination: an address within the key's recipient domains. */
@ApplicationScoped
public class DeleteSuppressedDestination implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.DELETE_SUPPRESSED_DESTINATION;
    }

    @Override
    public String route() {
        return "DELETE /v2/email/suppression/addresses/{EmailAddress}";
    }

    @Override
    public JsonObject handle(SesCall call) {
        ses.deleteSuppressed(call.caller(), call.path("EmailAddress"));
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
