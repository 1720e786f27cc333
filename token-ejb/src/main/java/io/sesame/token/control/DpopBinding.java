package io.sesame.token.control;

import io.sesame.policy.control.ReasonCode;

/**
 * What a token request proved about the client's key (RFC 9449): nothing (no DPoP header), a key (its RFC 7638
 * thumbprint, which the token will be bound to as {@code cnf.jkt}, and the proof's id, remembered once the client has
 * authenticated), or a proof that failed — refused once the client is identified, so that the refusal is audited
 * against its key; {@code unavailable} when Sesame could not decide (answered 503).
 */
public record DpopBinding(String jkt, String jti, String refusal, ReasonCode reason, boolean unavailable) {

    private static final DpopBinding NONE = new DpopBinding(null, null, null, null, false);

    public static DpopBinding none() {
        return NONE;
    }

    public static DpopBinding bound(String jkt, String jti) {
        return new DpopBinding(jkt, jti, null, null, false);
    }

    public static DpopBinding refused(String description, ReasonCode reason, boolean unavailable) {
        return new DpopBinding(null, null, description, reason, unavailable);
    }

    public boolean failed() {
        return refusal != null;
    }

    public boolean bound() {
        return jkt != null;
    }
}
