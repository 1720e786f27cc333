package io.sesame.policy.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;

/** An access policy (as submitted by an admin) that cannot be accepted; the message names the field. */
public class PolicyViolation extends SesameException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public PolicyViolation(String field, String message) {
        super(ErrorKind.INVALID, "invalid_policy", field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
