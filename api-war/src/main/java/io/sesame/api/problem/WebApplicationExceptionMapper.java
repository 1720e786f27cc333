package io.sesame.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own HTTP errors (unknown path, wrong method, unsupported media type…) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response refused = BodyRefusals.response(request);
        if (refused != null) {
            return refused;
        }
        Response original = exception.getResponse();
        int status = original.getStatus();
        String detail;
        if (exception instanceof NotFoundException) {
            detail = "No resource at " + request.getRequestURI() + ". See /openapi for the API.";
        } else if (exception instanceof NotAllowedException) {
            detail = "Method " + request.getMethod() + " is not allowed on " + request.getRequestURI()
                    + "; allowed: " + String.join(", ", original.getAllowedMethods()) + ".";
        } else {
            detail = exception.getMessage();
        }
        Response.ResponseBuilder builder = Response.fromResponse(Problem.ofStatus(status, detail, requestId()).toResponse());
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    private String requestId() {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return id == null ? null : id.toString();
    }
}
