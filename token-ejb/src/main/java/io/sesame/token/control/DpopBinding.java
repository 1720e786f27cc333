package io.sesame.token.control;

import io.sesame.policy.control.ReasonCode;

/**
 * What a token request proved about the client's key (RFC 9449): nothing (no DPoP header), a key (its RFC 7638
 * thumbprint, which the token will be bound to as {@code cnf.jkt}), or a proof that failed — refused once the client is
 * identified, so that the refusal is audited against its key.
 */
public record DpopBinding(String jkt, String refusal, ReasonCode reason) {

    private static final DpopBinding NONE = new DpopBinding(null, null, null);

    public static DpopBinding none() {
        return NONE;
    }

    public static DpopBinding bound(String jkt) {
        return new DpopBinding(jkt, null, null);
    }

    public static DpopBinding refused(String description, ReasonCode reason) {
        return new DpopBinding(null, description, reason);
    }

    public boolean failed() {
        return refusal != null;
    }

    public boolean bound() {
        return jkt != null;
    }
}
