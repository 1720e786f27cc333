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

/** SES v2 GetAccount: SES's status and quota. */
@ApplicationScoped
public class GetAccount implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.GET_ACCOUNT;
    }

    @Override
    public String route() {
        return "GET /v2/email/account";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonObject account = ses.account(call.caller());
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("SendingEnabled", account.getBoolean("sendingEnabled"))
                .add("ProductionAccessEnabled", account.getBoolean("productionAccessEnabled"))
                .add("EnforcementStatus", account.getString("enforcementStatus"));
        JsonObject quota = account.getJsonObject("sendQuota");
        if (quota != null) {
            out.add("SendQuota", Json.createObjectBuilder().add("Max24HourSend", quota.getJsonNumber("max24HourSend").doubleValue())
                    .add("MaxSendRate", quota.getJsonNumber("maxSendRate").doubleValue())
                    .add("SentLast24Hours", quota.getJsonNumber("sentLast24Hours").doubleValue()));
        }
        return out.build();
    }
}
