package io.sesame.api.problem;

import io.sesame.platform.control.SesameException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Sesame's typed refusals (not found, conflict, invalid field, unavailable) as problem+json, the status chosen by {@link HttpStatuses}. */
@Provider
public class SesameExceptionMapper implements ExceptionMapper<SesameException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(SesameException e) {
        int code = HttpStatuses.of(e.kind());
        Response.Status status = Response.Status.fromStatusCode(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        Response response = Problem.ofCode(code, e.code(), title, e.getMessage(), RequestIds.of(request)).toResponse();
        return HttpStatuses.retryLater(e.kind()) ? Response.fromResponse(response).header("Retry-After", 1).build() : response;
    }
}
