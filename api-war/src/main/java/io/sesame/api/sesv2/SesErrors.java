package io.sesame.api.sesv2;

import io.sesame.api.problem.HttpStatuses;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.PolicyViolation;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import io.sesame.ses.control.SesFailure;
import jakarta.ejb.EJBException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sesame's refusals and SES's own errors in SES's error shape, so an AWS SDK throws its modeled exceptions. */
public final class SesErrors {

    private static final Logger LOG = Logger.getLogger(SesErrors.class.getName());

    private SesErrors() {
    }

    /**
     * A policy denial in SES's terms: rate and quota are 429 TooManyRequestsException (the SDK retries those), a
     * malformed message 400 BadRequestException, everything else 403 AccessDeniedException; the message starts with
     * Sesame's reason code, as the JSON API's problem code.
     */
    public static SesError denial(Reason reason, long auditId) {
        String detail = reason.code().code() + ": " + reason.detail() + (auditId > 0 ? " (Sesame audit " + auditId + ")" : "");
        SesError error = switch (reason.code()) {
            case RATE_LIMITED, DAILY_QUOTA_EXCEEDED, DAILY_RECIPIENT_QUOTA_EXCEEDED -> new SesError(429, "TooManyRequestsException", detail);
            case INVALID_MESSAGE, NO_RECIPIENTS, SCOPE_NOT_GRANTED -> new SesError(400, "BadRequestException", detail);
            default -> new SesError(403, "AccessDeniedException", detail);
        };
        return error.audited();
    }

    /**
     * SES's answer to a call whose own call event already records it, under an error type the SDK models (its
     * NotFoundException, AlreadyExistsException, BadRequestException…), whether SES or the sandbox answered. An unknown
     * outcome is the exception: AWS SDKs retry every 5xx on their own, which here could send the message again, so it
     * is a 409 with a type no SDK retries ({@code OutcomeUnknownException}).
     */
    public static SesError fromSes(SesFailure failure) {
        if (failure.reason() == SesFailure.Reason.OUTCOME_UNKNOWN) {
            return new SesError(409, "OutcomeUnknownException", failure.getMessage()).audited();
        }
        return new SesError(failure.kind() == ErrorKind.REJECTED ? 400 : HttpStatuses.of(failure.kind()), errorType(failure), failure.getMessage())
                .audited();
    }

    static String errorType(SesFailure failure) {
        String code = failure.sesErrorCode();
        if (code != null && code.endsWith("Exception") || "MessageRejected".equals(code)) {
            return code; // SES's own name
        }
        if ("AlreadyExists".equals(code)) {
            return "AlreadyExistsException";
        }
        return switch (failure.reason()) {
            case NOT_FOUND -> "NotFoundException";
            case BAD_REQUEST -> "BadRequestException";
            case THROTTLED -> "TooManyRequestsException";
            case PAUSED -> "SendingPausedException";
            case REJECTED -> "MessageRejected";
            case UNAVAILABLE, OUTCOME_UNKNOWN -> "InternalFailure"; // OUTCOME_UNKNOWN: fromSes answers 409 OutcomeUnknownException
        };
    }

    /** The status AWS answers a refused signature with: 400 when malformed, 503 when Sesame cannot check it, else 403 (AWS has no 401). */
    public static int signatureStatus(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAVAILABLE, THROTTLED -> 503;
            default -> 403;
        };
    }

    public static Throwable unwrap(Throwable t) {
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Any failure of an operation as SES would answer it; the unexpected ones are logged, never shown. */
    public static SesError translate(RuntimeException e) {
        Throwable t = unwrap(e);
        if (t instanceof SesError s) {
            return s;
        }
        if (t instanceof InvalidMessageException || t instanceof PolicyViolation) {
            return new SesError(400, "BadRequestException", t.getMessage());
        }
        if (t instanceof SesFailure f) {
            return fromSes(f);
        }
        if (t instanceof SesameException s) {
            Optional<ReasonCode> reason = ReasonCode.ofCode(s.code());
            if (reason.isPresent()) {
                return denial(new Reason(reason.get(), s.getMessage()), -1);
            }
            return switch (s.kind()) {
                case NOT_FOUND -> new SesError(404, "NotFoundException", s.getMessage());
                case CONFLICT -> new SesError(400, "AlreadyExistsException", s.getMessage());
                case FORBIDDEN -> new SesError(403, "AccessDeniedException", s.getMessage());
                case UNAVAILABLE -> new SesError(503, "ServiceUnavailable", s.getMessage());
                case THROTTLED -> new SesError(429, "TooManyRequestsException", s.getMessage());
                // what only SES has, asked of the sandbox: a client error (an SDK would retry a 5xx)
                case NOT_SUPPORTED -> new SesError(400, "BadRequestException", s.code() + ": " + s.getMessage());
                case UNAUTHENTICATED -> new SesError(403, "AccessDeniedException", s.code() + ": " + s.getMessage());
                case UPSTREAM_FAILED -> new SesError(502, "InternalFailure", s.getMessage());
                case UPSTREAM_TIMEOUT -> new SesError(504, "InternalFailure", s.getMessage());
                case INVALID, REJECTED -> new SesError(400, "BadRequestException", s.getMessage());
            };
        }
        if (io.sesame.platform.control.StoreUnavailable.is(t)) {
            LOG.log(Level.WARNING, "SES endpoint: the database cannot be reached (" + io.sesame.platform.control.StoreUnavailable.rootCause(t) + ")");
            return new SesError(503, "ServiceUnavailable", "Sesame cannot reach its database; try again shortly");
        }
        LOG.log(Level.SEVERE, "SES endpoint: unexpected error", t);
        return new SesError(500, "InternalFailure", "Internal error; the Sesame log has the details");
    }
}
