package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
/** SES v2 DeleteEmailTemplate. */
@ApplicationScoped
public class DeleteEmailTemplate implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.DELETE_EMAIL_TEMPLATE;
    }

    @Override
    public String route() {
        return "DELETE /v2/email/templates/{TemplateName}";
    }

    @Override
    public JsonObject handle(SesCall call) {
        ses.deleteTemplate(call.caller(), call.path("TemplateName"));
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
