package io.sesame.api.problem;

import io.sesame.policy.control.PolicyViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An invalid access policy: 400 naming the field (e.g. {@code policy.scope.ipAllow[0]}). */
@Provider
public class PolicyViolationMapper implements ExceptionMapper<PolicyViolation> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(PolicyViolation e) {
        return Problem.ofCode(400, "invalid_policy", "Invalid policy", e.getMessage(), RequestIds.of(request)).toResponse();
    }
}
