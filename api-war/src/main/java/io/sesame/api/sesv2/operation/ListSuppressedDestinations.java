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
/** SES v2 ListSuppressedDestinations: the addresses within the key's recipient domains (all of them, in one page). */
@ApplicationScoped
public class ListSuppressedDestinations implements SesOperation {

    @EJB
    SesOperations ses;

    @Override
    public Permission permission() {
        return Permission.LIST_SUPPRESSED_DESTINATIONS;
    }

    @Override
    public String route() {
        return "GET /v2/email/suppression/addresses";
    }

    @Override
    public JsonObject handle(SesCall call) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        ses.listSuppressed(call.caller()).forEach(d -> items.add(SuppressionJson.destination(d)));
        return Json.createObjectBuilder().add("SuppressedDestinationSummaries", items).build();
    }
}
