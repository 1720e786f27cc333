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
import java.util.List;
/** SES v2 ListEmailIdentities: the identities the key's From scope reaches (all of them, in one page). */
@ApplicationScoped
public class ListEmailIdentities implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.LIST_EMAIL_IDENTITIES;
    }

    @Override
    public String route() {
        return "POST /v2/email/list-identities";
    }

    /** Older SDKs (before AWS moved the operation to POST). */
    @Override
    public List<String> aliases() {
        return List.of("GET /v2/email/identities");
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (JsonObject i : ses.listIdentities(call.caller())) {
            items.add(Json.createObjectBuilder().add("IdentityName", i.getString("identity")).add("IdentityType", i.getString("type"))
                    .add("SendingEnabled", i.getBoolean("sendingEnabled")).add("VerificationStatus", i.getString("verificationStatus")));
        }
        return Json.createObjectBuilder().add("EmailIdentities", items).build();
    }
}
