package io.sesame.sigv4.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import jakarta.ejb.ApplicationException;

/**
 * Why a SigV4 request was refused, with the error code AWS services answer in that case (the SDKs surface it as
 * the exception's error code) and the kind of refusal (the SES endpoint answers as AWS would: 400, 403 or 503). Its {@code code()} is AWS's error code, not a Sesame one.
 */
@ApplicationException(rollback = false) // a refused key's refusal record must commit
public class SigV4Failure extends SesameException {

    private static final long serialVersionUID = 1L;

    /** The existing key the request named, when it named one: then the refusal is audited against it. */
    private String keyId;
    private String applicationId;
    private String reason = "signature_invalid";

    public SigV4Failure(ErrorKind kind, String awsErrorCode, String message) {
        super(kind, awsErrorCode, message);
    }

    /** This failure, attributed to the existing key the request named, with the audit's reason code. */
    public SigV4Failure attributedTo(String keyId, String applicationId, String reason) {
        this.keyId = keyId;
        this.applicationId = applicationId;
        this.reason = reason;
        return this;
    }

    public String keyId() {
        return keyId;
    }

    public String applicationId() {
        return applicationId;
    }

    /** The reason code for the audit (a {@code ReasonCode} wire form). */
    public String reason() {
        return reason;
    }

    static SigV4Failure incomplete(String message) {
        return new SigV4Failure(ErrorKind.INVALID, "IncompleteSignatureException", message);
    }

    static SigV4Failure mismatch(String message) {
        return new SigV4Failure(ErrorKind.UNAUTHENTICATED, "SignatureDoesNotMatch", message);
    }
}
