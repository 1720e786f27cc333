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
/** SES v2 ListConfigurationSets (all of them, in one page). */
@ApplicationScoped
public class ListConfigurationSets implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.LIST_CONFIGURATION_SETS;
    }

    @Override
    public String route() {
        return "POST /v2/email/list-configuration-sets";
    }

    /** Older SDKs (before AWS moved the operation to POST). */
    @Override
    public List<String> aliases() {
        return List.of("GET /v2/email/configuration-sets");
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        ses.listConfigurationSets(call.caller()).forEach(names::add);
        return Json.createObjectBuilder().add("ConfigurationSets", names).build();
    }
}
