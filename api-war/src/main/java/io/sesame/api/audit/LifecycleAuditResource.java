package io.sesame.api.audit;

import io.sesame.api.security.Requires;
import io.sesame.audit.boundary.AuditSearch;
import io.sesame.audit.control.HashChain;
import io.sesame.audit.control.LifecycleQuery;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Search of the lifecycle audit: who issued, rotated, revoked, suspended or changed what (sesame:ReadAudit). */
@Path("admin/audit/lifecycle")
@Requires(Permission.READ_AUDIT)
@SecurityRequirement(name = "bearer")
public class LifecycleAuditResource {

    @Inject
    AuditSearch search;

    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search lifecycle events, newest first",
            description = "Filters: actor, action (e.g. key.revoked), targetType and targetId (e.g. api-key + a key id), ip, "
                    + "from/to (ISO-8601 instants, to exclusive), limit (1-1000, default 100). Keyset pagination: pass the "
                    + "answer's next as cursor.")
    public JsonObject search() {
        LifecycleQuery query;
        try {
            query = LifecycleQuery.parse(AuditResource.singleValued(uri));
        } catch (IllegalArgumentException e) {
            throw new SesameException(ErrorKind.INVALID, "invalid_query", e.getMessage());
        }
        AuditSearch.LifecyclePage page = search.search(query);
        return AuditResource.page(page.items().stream().map(e -> HashChain.json(e).build()).toList(), page.next());
    }
}
