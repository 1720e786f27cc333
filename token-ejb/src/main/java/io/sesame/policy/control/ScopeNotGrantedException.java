package io.sesame.policy.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;

/** A token request asked for permissions its key does not hold (OAuth {@code invalid_scope}). */
public class ScopeNotGrantedException extends SesameException {
    private static final long serialVersionUID = 1L;

    public ScopeNotGrantedException(String message) {
        super(ErrorKind.INVALID, "invalid_scope", message);
    }
}
