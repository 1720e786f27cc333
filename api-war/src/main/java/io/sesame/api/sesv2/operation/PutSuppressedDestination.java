package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
/** SES v2 PutSuppressedDestination: an address within the key's recipient domains, reason BOUNCE or COMPLAINT. */
@ApplicationScoped
public class PutSuppressedDestination implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.PUT_SUPPRESSED_DESTINATION;
    }

    @Override
    public String route() {
        return "PUT /v2/email/suppression/addresses";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonObject body = call.json();
        ses.putSuppressed(call.caller(), SesCall.string(body, "EmailAddress"), SesCall.string(body, "Reason"));
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
