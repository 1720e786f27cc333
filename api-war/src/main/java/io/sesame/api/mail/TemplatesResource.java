package io.sesame.api.mail;

import io.sesame.api.admin.JsonBodies;
import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import io.sesame.ses.control.EmailTemplate;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** SES email templates, limited to the key's template list: create, read, list, update, delete, test-render. */
@Path("templates")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class TemplatesResource {

    @Inject
    SesOperations ses;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Requires(Permission.LIST_EMAIL_TEMPLATES)
    @Operation(summary = "List templates (ses:ListEmailTemplates)", description = "Only the templates the key may use.")
    public JsonObject list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listTemplates(caller.context()).forEach(name -> items.add(Json.createObjectBuilder().add("name", name)));
        return Json.createObjectBuilder().add("items", items).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.CREATE_EMAIL_TEMPLATE)
    @Operation(summary = "Create a template (ses:CreateEmailTemplate)", description = "{\"name\",\"subject\",\"text\",\"html\"}")
    public Response create(JsonObject body) {
        EmailTemplate template = template(JsonBodies.string(body, "name", true), body);
        ses.createTemplate(caller.context(), template);
        return Response.created(uri.getAbsolutePathBuilder().path(template.name()).build()).entity(json(template)).build();
    }

    @GET
    @Path("{name}")
    @Requires(Permission.GET_EMAIL_TEMPLATE)
    @Operation(summary = "Read a template (ses:GetEmailTemplate)")
    public JsonObject get(@PathParam("name") String name) {
        return json(ses.getTemplate(caller.context(), name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.UPDATE_EMAIL_TEMPLATE)
    @Operation(summary = "Change a template (ses:UpdateEmailTemplate)", description = "{\"subject\",\"text\",\"html\"}")
    public JsonObject update(@PathParam("name") String name, JsonObject body) {
        EmailTemplate template = template(name, body);
        ses.updateTemplate(caller.context(), template);
        return json(template);
    }

    @DELETE
    @Path("{name}")
    @Requires(Permission.DELETE_EMAIL_TEMPLATE)
    @Operation(summary = "Delete a template (ses:DeleteEmailTemplate)")
    public Response delete(@PathParam("name") String name) {
        ses.deleteTemplate(caller.context(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/render")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.TEST_RENDER_EMAIL_TEMPLATE)
    @Operation(summary = "Render a template with test data (ses:TestRenderEmailTemplate)", description = "{\"templateData\":{…}}")
    public JsonObject render(@PathParam("name") String name, JsonObject body) {
        JsonValue data = body == null ? null : body.get("templateData");
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw SesameException.invalid("templateData", "an object is required");
        }
        return json(ses.renderTemplate(caller.context(), name, data.asJsonObject()));
    }

    private static EmailTemplate template(String name, JsonObject body) {
        try {
            return EmailTemplate.validated(name, JsonBodies.string(body, "subject", false), JsonBodies.string(body, "text", false),
                    JsonBodies.string(body, "html", false));
        } catch (IllegalArgumentException e) {
            throw new SesameException(ErrorKind.INVALID, "invalid_template", e.getMessage());
        }
    }

    private static JsonObject json(EmailTemplate t) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("name", t.name());
        if (t.subject() != null) {
            out.add("subject", t.subject());
        }
        if (t.text() != null) {
            out.add("text", t.text());
        }
        if (t.html() != null) {
            out.add("html", t.html());
        }
        return out.build();
    }
}
