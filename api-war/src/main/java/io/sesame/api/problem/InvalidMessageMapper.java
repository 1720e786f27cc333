package io.sesame.api.problem;

import io.sesame.api.security.Caller;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.policy.control.ReasonCode;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A send request that is not a valid message: 400 naming the field. When an authenticated key sent it, the refusal is
 * a call event (reason {@code invalid_message}) like any other denial: malformed input is how probing looks.
 */
@Provider
public class InvalidMessageMapper implements ExceptionMapper<InvalidMessageException> {

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    CallAudit audit;

    @Override
    public Response toResponse(InvalidMessageException e) {
        Response refused = BodyRefusals.response(request);
        if (refused != null) {
            return refused;
        }
        String detail = e.getMessage();
        if (caller.keyId() != null) {
            long auditId = audit.refused(caller.context(), Caller.action(resource), ReasonCode.INVALID_MESSAGE, e.getMessage());
            detail += auditId > 0 ? " (audit " + auditId + ")" : "";
        }
        return Problem.ofCode(400, "invalid_message", "Invalid message", detail, RequestIds.of(request)).toResponse();
    }
}
