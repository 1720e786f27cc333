package io.sesame.ses.control;

import java.util.List;

/** Where allowed messages go: the built-in sandbox or Amazon SES v2. */
public interface SesTransport {

    /** @return SES's message id */
    String send(OutgoingEmail email, String keyId) throws SesFailure;

    /** One message per destination; the results are in the order of the destinations. */
    List<BulkResult> sendBulk(BulkEmail email, String keyId) throws SesFailure;

    /** A destination's outcome: SES's status (SUCCESS, MESSAGE_REJECTED, …), its message id or error. */
    record BulkResult(String status, String messageId, String error) {
        public boolean succeeded() {
            return "SUCCESS".equals(status);
        }
    }

    /** {@code sandbox} or {@code aws}: recorded in the audit. */
    String name();
}
