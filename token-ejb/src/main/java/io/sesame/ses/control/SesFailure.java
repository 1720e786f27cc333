package io.sesame.ses.control;

import io.sesame.platform.control.SesameException;
import jakarta.ejb.ApplicationException;

/**
 * SES (or the way to it) refused or failed a call; {@code kind} decides the API's answer. An application
 * exception, so it crosses EJB boundaries as itself and rolls nothing back (the audit records it).
 */
@ApplicationException(rollback = false)
public class SesFailure extends SesameException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        REJECTED(422, "message_rejected"), THROTTLED(429, "ses_throttled"), PAUSED(503, "sending_paused"),
        BAD_REQUEST(400, "ses_bad_request"), NOT_FOUND(404, "ses_not_found"), UNAVAILABLE(502, "ses_unavailable");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String sesErrorCode;

    public SesFailure(Kind kind, String sesErrorCode, String message) {
        super(kind.status(), kind.code(), message);
        this.kind = kind;
        this.sesErrorCode = sesErrorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** SES's own error name (e.g. MessageRejected), for the audit. */
    public String sesErrorCode() {
        return sesErrorCode;
    }
}
