package io.sesame.api.problem;

import io.sesame.ses.control.SesFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** SES refused or failed an operation: its error, mapped to a clear status and code. */
@Provider
public class SesFailureMapper implements ExceptionMapper<SesFailure> {

    @Context
    HttpServletRequest request;

    /** A refusal, or — when SES took the request and did not answer — not a refusal: the message may have been sent. */
    public static String title(SesFailure e) {
        return e.reason() == SesFailure.Reason.OUTCOME_UNKNOWN ? SesFailure.OUTCOME_UNKNOWN_TITLE : "SES refused the request";
    }

    @Override
    public Response toResponse(SesFailure e) {
        Response response = Problem.ofCode(HttpStatuses.of(e.kind()), e.code(), title(e),
                e.sesErrorCode() + ": " + e.getMessage(), RequestIds.of(request)).toResponse();
        if (HttpStatuses.retryLater(e.kind())) {
            return Response.fromResponse(response).header("Retry-After", 1).build();
        }
        return response;
    }
}
