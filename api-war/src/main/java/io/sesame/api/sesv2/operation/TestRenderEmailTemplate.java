package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.api.sesv2.SesError;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
/** SES v2 TestRenderEmailTemplate: the rendered message as MIME, as SES answers it. */
@ApplicationScoped
public class TestRenderEmailTemplate implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.TEST_RENDER_EMAIL_TEMPLATE;
    }

    @Override
    public String route() {
        return "POST /v2/email/templates/{TemplateName}/render";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonObject data;
        try {
            data = Json.createReader(new StringReader(SesCall.string(call.json(), "TemplateData"))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SesError(400, "BadRequestException", "TemplateData must be a JSON object");
        }
        var t = ses.renderTemplate(call.caller(), call.path("TemplateName"), data);
        return Json.createObjectBuilder().add("RenderedTemplate", TemplateJson.renderedMime(t)).build();
    }
}
