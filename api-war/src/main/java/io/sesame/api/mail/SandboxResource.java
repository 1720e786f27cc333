package io.sesame.api.mail;

import io.sesame.api.security.Requires;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SandboxStore;
import io.sesame.ses.entity.SandboxMessage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The sandbox transport's outbox. */
@Path("admin/sandbox/messages")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SandboxResource {

    @Inject
    SandboxStore sandbox;

    @GET
    @Requires(Permission.READ_AUDIT)
    @Operation(summary = "Messages kept by the sandbox transport, newest first")
    public JsonArray messages(@QueryParam("limit") @DefaultValue("100") int limit) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (SandboxMessage m : sandbox.latest(Math.max(1, Math.min(limit, 1000)))) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("messageId", m.getMessageId())
                    .add("from", m.getFromHeader())
                    .add("to", list(m.getTo()))
                    .add("cc", list(m.getCc()))
                    .add("bcc", list(m.getBcc()))
                    .add("simulatedOutcome", m.getSimulatedOutcome())
                    .add("at", m.getCreatedAt().toString());
            optional(json, "subject", m.getSubject());
            optional(json, "text", m.getText());
            optional(json, "html", m.getHtml());
            optional(json, "keyId", m.getKeyId());
            optional(json, "template", m.getTemplate());
            optional(json, "templateData", m.getTemplateData());
            optional(json, "configurationSet", m.getConfigurationSet());
            if (m.getRawSize() != null) {
                json.add("rawSize", m.getRawSize());
            }
            out.add(json);
        }
        return out.build();
    }

    private static JsonArrayBuilder list(String csv) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        if (csv != null && !csv.isEmpty()) {
            Arrays.stream(csv.split(",")).forEach(out::add);
        }
        return out;
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
