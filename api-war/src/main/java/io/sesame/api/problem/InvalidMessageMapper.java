package io.sesame.api.problem;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.mail.boundary.CallAudit;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.policy.control.ReasonCode;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A send request that is not a valid message: 400 naming the field. When an authenticated key sent it, the refusal is
 * a call event (reason {@code invalid_message}) like any other denial: malformed input is how probing looks.
 */
@Provider
public class InvalidMessageMapper implements ExceptionMapper<InvalidMessageException> {

    private static final Logger LOG = Logger.getLogger(InvalidMessageMapper.class.getName());

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
            try {
                detail += " (audit " + audit.refused(caller.context(), action(), ReasonCode.INVALID_MESSAGE, e.getMessage()) + ")";
            } catch (RuntimeException auditFailure) {
                LOG.log(Level.WARNING, "refusal of request " + RequestIds.of(request) + " not audited", auditFailure);
            }
        }
        return Problem.ofCode(400, "invalid_message", "Invalid message", detail, RequestIds.of(request)).toResponse();
    }

    private String action() {
        Method method = resource.getResourceMethod();
        Requires requires = method == null ? null : method.getAnnotation(Requires.class);
        if (requires != null) {
            return requires.value().action();
        }
        return method == null ? "api:invalid-message" : "api:" + resource.getResourceClass().getSimpleName() + "." + method.getName();
    }
}
