package io.sesame.ses.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import jakarta.ejb.ApplicationException;

/**
 * SES (or the way to it) refused or failed a call; {@link #reason()} decides the API's answer. An application
 * exception, so it crosses EJB boundaries as itself and rolls nothing back (the audit records it).
 */
@ApplicationException(rollback = false)
public class SesFailure extends SesameException {
    private static final long serialVersionUID = 1L;

    /** How SES failed, each with its API code and what kind of error it is for Sesame. */
    public enum Reason {
        REJECTED(ErrorKind.REJECTED, "message_rejected"), THROTTLED(ErrorKind.THROTTLED, "ses_throttled"),
        PAUSED(ErrorKind.UNAVAILABLE, "sending_paused"), BAD_REQUEST(ErrorKind.INVALID, "ses_bad_request"),
        NOT_FOUND(ErrorKind.NOT_FOUND, "ses_not_found"), UNAVAILABLE(ErrorKind.UPSTREAM_FAILED, "ses_unavailable"),
        /** SES got the request but did not answer in time: the message may have been sent. */
        OUTCOME_UNKNOWN(ErrorKind.UPSTREAM_TIMEOUT, "ses_outcome_unknown");

        private final ErrorKind kind;
        private final String code;

        Reason(ErrorKind kind, String code) {
            this.kind = kind;
            this.code = code;
        }

        public ErrorKind kind() {
            return kind;
        }

        public String code() {
            return code;
        }
    }

    /** The problem title of an unknown outcome, live and replayed alike. */
    public static final String OUTCOME_UNKNOWN_TITLE = "SES outcome unknown: the message may have been sent";

    private final Reason reason;
    private final String sesErrorCode;

    public SesFailure(Reason reason, String sesErrorCode, String message) {
        super(reason.kind(), reason.code(), message);
        this.reason = reason;
        this.sesErrorCode = sesErrorCode;
    }

    public Reason reason() {
        return reason;
    }

    /** SES's own error name (e.g. MessageRejected), for the audit. */
    public String sesErrorCode() {
        return sesErrorCode;
    }
}
