package io.sesame.api.problem;

import io.sesame.api.platform.BodyLimitFilter;
import io.sesame.api.platform.BodyRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/**
 * A body cut off by {@link BodyLimitFilter} surfaces in JAX-RS as whatever the entity reader made of the I/O error
 * (a 400, a processing exception…); the mappers ask here first, so the caller gets the real answer: 413 or 503.
 */
final class BodyRefusals {

    private BodyRefusals() {
    }

    /** The refusal as a problem response, or null when the request's body was not refused. */
    static Response response(HttpServletRequest request) {
        BodyRefused refused = BodyLimitFilter.refusalOf(request);
        if (refused == null) {
            return null;
        }
        Response.ResponseBuilder builder = Response.fromResponse(Problem.ofCode(refused.status(), refused.code(),
                refused.title(), refused.getMessage(), RequestIds.of(request)).toResponse()).header("Connection", "close");
        if (refused.status() == 503) {
            builder.header("Retry-After", 1);
        }
        return builder.build();
    }
}
