package io.sesame.ses.control;

import io.sesame.mail.control.OutgoingEmail;

/** Where allowed messages go: the built-in sandbox or Amazon SES v2. */
public interface SesTransport {

    /** @return SES's message id */
    String send(OutgoingEmail email, String keyId) throws SesFailure;

    /** {@code sandbox} or {@code aws}: recorded in the audit. */
    String name();
}
