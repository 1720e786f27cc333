package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
/** SES v2 ListEmailTemplates: only the templates in the key's scope (all of them, in one page). */
@ApplicationScoped
public class ListEmailTemplates implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.LIST_EMAIL_TEMPLATES;
    }

    @Override
    public String route() {
        return "GET /v2/email/templates";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listTemplates(call.caller()).forEach(n -> items.add(Json.createObjectBuilder().add("TemplateName", n)));
        return Json.createObjectBuilder().add("TemplatesMetadata", items).build();
    }
}
