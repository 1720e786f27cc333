package io.sesame.api.audit;

import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.AuditSearch;
import io.sesame.audit.control.CallEventFormat;
import io.sesame.audit.control.CallQuery;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Search and export of the call audit (sesame:ReadAudit). */
@Path("admin/audit/calls")
@Requires(Permission.READ_AUDIT)
@SecurityRequirement(name = "bearer")
public class AuditResource {

    @Inject
    AuditSearch search;

    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search call events, newest first",
            description = "Filters: application, key, action, decision (allowed|denied|failed|pending), reason (a reason code), ip, "
                    + "messageId, from/to (ISO-8601 instants, to exclusive), limit (1-1000, default 100). Keyset pagination: pass "
                    + "the answer's next as cursor.")
    public JsonObject search() {
        AuditSearch.Page page = search.search(query(parameters(false)));
        return page(page.items().stream().map(CallEventFormat::json).toList(), page.next());
    }

    /** A page of a search as the API answers it: {@code {"items":[…],"next":"<cursor>"}} (no next on the last page). */
    static <T extends jakarta.json.JsonValue> JsonObject page(java.util.List<T> items, String next) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        JsonObjectBuilder out = Json.createObjectBuilder().add("items", array);
        if (next != null) {
            out.add("next", next);
        }
        return out.build();
    }

    @GET
    @Path("export")
    @Produces({"text/csv", "application/x-ndjson"})
    @Operation(summary = "Export call events as CSV or JSON Lines (format=csv|jsonl), streamed",
            description = "The same filters as the search, without paging.")
    public Response export() {
        Map<String, String> params = parameters(true);
        String format = params.remove("format");
        boolean csv;
        if (format == null || format.equals("csv")) {
            csv = true;
        } else if (format.equals("jsonl")) {
            csv = false;
        } else {
            throw SesameException.invalid("format", "csv or jsonl");
        }
        CallQuery query = query(params);
        StreamingOutput body = out -> search.export(query, csv, out);
        return Response.ok(body, csv ? "text/csv; charset=UTF-8" : "application/x-ndjson; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"sesame-calls." + (csv ? "csv" : "jsonl") + "\"")
                .build();
    }

    private Map<String, String> parameters(boolean allowFormat) {
        Map<String, String> params = singleValued(uri);
        if (!allowFormat && params.containsKey("format")) {
            throw SesameException.invalid("format", "only for /export");
        }
        return params;
    }

    /** The query parameters, each given once (a repeated one is a 400 naming it). */
    static Map<String, String> singleValued(UriInfo uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() != 1) {
                throw SesameException.invalid(e.getKey(), "give it once");
            }
            params.put(e.getKey(), e.getValue().get(0));
        }
        return params;
    }

    private static CallQuery query(Map<String, String> params) {
        try {
            return CallQuery.parse(params);
        } catch (IllegalArgumentException e) {
            throw new SesameException(ErrorKind.INVALID, "invalid_query", e.getMessage());
        }
    }
}
