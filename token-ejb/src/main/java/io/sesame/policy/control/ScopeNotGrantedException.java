package io.sesame.policy.control;

/** A token request asked for permissions its key does not hold (OAuth {@code invalid_scope}). */
public class ScopeNotGrantedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScopeNotGrantedException(String message) {
        super(message);
    }
}
