package io.sesame.api.problem;

import io.sesame.api.security.Caller;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.ReasonCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Sesame's typed refusals (not found, conflict, invalid field, unavailable) as problem+json, the status chosen by {@link HttpStatuses}. */
@Provider
public class SesameExceptionMapper implements ExceptionMapper<SesameException> {

    /** The services' own refusals of a known key (the door's are audited by the authorization filter), by code. */
    private static final java.util.Map<String, ReasonCode> SERVICE_REFUSALS = java.util.Map.of(
            "permission_missing", ReasonCode.PERMISSION_MISSING,
            "grant_exceeds_actor", ReasonCode.ESCALATION_REFUSED,
            "self_escalation", ReasonCode.ESCALATION_REFUSED,
            "scope_inexpressible", ReasonCode.SCOPE_INEXPRESSIBLE);

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    CallAudit audit;

    @Override
    public Response toResponse(SesameException e) {
        int code = HttpStatuses.of(e.kind());
        Response.Status status = Response.Status.fromStatusCode(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = e.getMessage();
        ReasonCode reason = SERVICE_REFUSALS.get(e.code());
        if (reason != null && caller.keyId() != null) {
            long auditId = audit.refused(caller.context(), Caller.action(resource), reason, e.code() + ": " + e.getMessage());
            detail += auditId > 0 ? " (audit " + auditId + ")" : "";
        }
        Response response = Problem.ofCode(code, e.code(), title, detail, RequestIds.of(request)).toResponse();
        return HttpStatuses.retryLater(e.kind()) ? Response.fromResponse(response).header("Retry-After", 1).build() : response;
    }
}
