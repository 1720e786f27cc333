package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
/** SES v2 GetEmailTemplate. */
@ApplicationScoped
public class GetEmailTemplate implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.GET_EMAIL_TEMPLATE;
    }

    @Override
    public String route() {
        return "GET /v2/email/templates/{TemplateName}";
    }

    @Override
    public JsonObject handle(SesCall call) {
        var t = ses.getTemplate(call.caller(), call.path("TemplateName"));
        return Json.createObjectBuilder().add("TemplateName", t.name()).add("TemplateContent", TemplateJson.content(t)).build();
    }
}
