package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.policy.control.Permission;
import io.sesame.ses.boundary.SesOperations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
/** SES v2 GetEmailIdentity: verification, DKIM and default configuration set. */
@ApplicationScoped
public class GetEmailIdentity implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.GET_EMAIL_IDENTITY;
    }

    @Override
    public String route() {
        return "GET /v2/email/identities/{EmailIdentity}";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonObject i = ses.getIdentity(call.caller(), call.path("EmailIdentity"));
        JsonObjectBuilder out = Json.createObjectBuilder().add("IdentityType", i.getString("type"))
                .add("VerifiedForSendingStatus", i.getBoolean("verifiedForSending"))
                .add("VerificationStatus", i.getString("verificationStatus"));
        JsonObject dkim = i.getJsonObject("dkim");
        if (dkim != null) {
            out.add("DkimAttributes", Json.createObjectBuilder().add("SigningEnabled", dkim.getBoolean("signingEnabled"))
                    .add("Status", dkim.getString("status")));
        }
        if (i.containsKey("configurationSet")) {
            out.add("ConfigurationSetName", i.getString("configurationSet"));
        }
        return out.build();
    }
}
