package io.sesame.api.problem;

import io.sesame.mail.control.InvalidMessageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A send request that is not a valid message: 400 naming the field. */
@Provider
public class InvalidMessageMapper implements ExceptionMapper<InvalidMessageException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(InvalidMessageException e) {
        return Problem.ofCode(400, "invalid_message", "Invalid message", e.getMessage(), RequestIds.of(request)).toResponse();
    }
}
