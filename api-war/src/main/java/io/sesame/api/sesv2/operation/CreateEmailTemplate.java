package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
/** SES v2 CreateEmailTemplate: a template the key's scope names. */
@ApplicationScoped
public class CreateEmailTemplate implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.CREATE_EMAIL_TEMPLATE;
    }

    @Override
    public String route() {
        return "POST /v2/email/templates";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonObject body = call.json();
        ses.createTemplate(call.caller(), TemplateJson.template(SesCall.string(body, "TemplateName"), body));
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
