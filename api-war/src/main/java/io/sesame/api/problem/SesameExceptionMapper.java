package io.sesame.api.problem;

import io.sesame.platform.control.SesameException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Sesame's typed refusals (not found, conflict, invalid field, unavailable) as problem+json. */
@Provider
public class SesameExceptionMapper implements ExceptionMapper<SesameException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(SesameException e) {
        Response.Status status = Response.Status.fromStatusCode(e.status());
        String title = status == null ? "Error" : status.getReasonPhrase();
        return Problem.ofCode(e.status(), e.code(), title, e.getMessage(), RequestIds.of(request)).toResponse();
    }
}
