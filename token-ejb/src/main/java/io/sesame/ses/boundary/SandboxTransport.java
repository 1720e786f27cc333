package io.sesame.ses.boundary;

import io.sesame.ses.control.BulkEmail;
import io.sesame.ses.control.EmailTemplate;
import io.sesame.ses.control.OutgoingEmail;
import io.sesame.ses.control.SesFailure;
import io.sesame.ses.control.SesTransport;
import io.sesame.ses.control.TemplateRenderer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in sandbox: messages and templates are kept in Sesame's database (browse them in the portal), nothing
 * leaves; templates behave as SES's do ({@code {{name}}} placeholders, a missing value is an error); what only SES has
 * is refused with 501 {@code not_in_sandbox}.
 */
final class SandboxTransport implements SesTransport {

    private final SandboxStore store;
    private final SandboxTemplates templates;

    SandboxTransport(SandboxStore store, SandboxTemplates templates) {
        this.store = store;
        this.templates = templates;
    }

    @Override
    public String send(OutgoingEmail email, String keyId) {
        return store.store(email, keyId, render(email));
    }

    @Override
    public List<BulkResult> sendBulk(BulkEmail email, String keyId) {
        List<BulkResult> results = new ArrayList<>();
        for (int i = 0; i < email.destinations().size(); i++) {
            OutgoingEmail message = email.message(i);
            results.add(new BulkResult("SUCCESS", store.store(message, keyId, render(message)), null));
        }
        return results;
    }

    /** Like SES: a templated message needs an existing template and data for every placeholder. */
    private EmailTemplate render(OutgoingEmail email) {
        if (email.kind() != OutgoingEmail.Kind.TEMPLATE) {
            return null;
        }
        EmailTemplate template = getTemplate(email.template());
        try (JsonReader reader = Json.createReader(new StringReader(email.templateData()))) {
            return TemplateRenderer.render(template, reader.readObject());
        } catch (IllegalArgumentException e) {
            throw new SesFailure(SesFailure.Reason.BAD_REQUEST, "BadRequest", e.getMessage());
        }
    }

    @Override
    public AccountStatus account() {
        return new AccountStatus(true, false, "HEALTHY", null);
    }

    @Override
    public List<String> listTemplates() {
        return templates.names();
    }

    @Override
    public EmailTemplate getTemplate(String name) {
        return templates.get(name).orElseThrow(() -> notFound(name));
    }

    @Override
    public void createTemplate(EmailTemplate template) {
        if (!templates.create(template)) {
            throw new SesFailure(SesFailure.Reason.BAD_REQUEST, "AlreadyExists", "Template " + template.name() + " already exists");
        }
    }

    @Override
    public void updateTemplate(EmailTemplate template) {
        if (!templates.update(template)) {
            throw notFound(template.name());
        }
    }

    @Override
    public void deleteTemplate(String name) {
        if (!templates.delete(name)) {
            throw notFound(name);
        }
    }

    @Override
    public EmailTemplate renderTemplate(String name, JsonObject data) {
        EmailTemplate template = getTemplate(name);
        try {
            return TemplateRenderer.render(template, data);
        } catch (IllegalArgumentException e) {
            throw new SesFailure(SesFailure.Reason.BAD_REQUEST, "BadRequest", e.getMessage());
        }
    }

    @Override
    public List<JsonObject> listIdentities() {
        throw SesTransport.notInSandbox();
    }

    @Override
    public JsonObject getIdentity(String identity) {
        throw SesTransport.notInSandbox();
    }

    @Override
    public List<String> listConfigurationSets() {
        throw SesTransport.notInSandbox();
    }

    @Override
    public List<JsonObject> listSuppressed() {
        throw SesTransport.notInSandbox();
    }

    @Override
    public JsonObject getSuppressed(String email) {
        throw SesTransport.notInSandbox();
    }

    @Override
    public void putSuppressed(String email, String reason) {
        throw SesTransport.notInSandbox();
    }

    @Override
    public void deleteSuppressed(String email) {
        throw SesTransport.notInSandbox();
    }

    @Override
    public String name() {
        return "sandbox";
    }

    private static SesFailure notFound(String name) {
        return new SesFailure(SesFailure.Reason.NOT_FOUND, "NotFound", "Template " + name + " does not exist");
    }
}
