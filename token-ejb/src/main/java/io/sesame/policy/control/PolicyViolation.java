package io.sesame.policy.control;

/** An access policy (as submitted by an admin) that cannot be accepted; the message names the field. */
public class PolicyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public PolicyViolation(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
