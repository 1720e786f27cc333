package io.sesame.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unforeseen: logged with the request id, answered as a 500 problem that leaks nothing — except a database
 * that cannot be reached, which is a 503 {@code database_unavailable} with Retry-After.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable exception) {
        Response refused = BodyRefusals.response(request);
        if (refused != null) {
            return refused;
        }
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        if (io.sesame.platform.control.StoreUnavailable.is(exception)) {
            // fail closed, and say so: not a bug, a database that cannot be reached (no stack trace per request)
            LOG.log(Level.WARNING, "Request " + requestId + " refused: the database cannot be reached ("
                    + io.sesame.platform.control.StoreUnavailable.rootCause(exception) + ")");
            return Response.fromResponse(Problem.ofCode(503, "database_unavailable", "Database unavailable",
                    "Sesame cannot reach its database; try again shortly (a send refused this way was not sent)",
                    requestId == null ? null : requestId.toString()).toResponse()).header("Retry-After", 2).build();
        }
        LOG.log(Level.SEVERE, "Unhandled error for request " + requestId, exception);
        return Problem.ofStatus(500, "Internal error. Quote request id " + requestId + " when reporting it.",
                requestId == null ? null : requestId.toString()).toResponse();
    }
}
