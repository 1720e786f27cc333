package io.sesame.audit.control;

import io.sesame.policy.control.Permission;
import java.util.Set;

/**
 * Who is calling, as established by the access token: the key, its application, the token id and the
 * permissions it grants, plus where the call came from. Recorded with every call event.
 */
public record CallContext(String keyId, String applicationId, String jti, Set<Permission> granted, String clientIp,
                          String userAgent, String requestId) {

    public CallContext {
        granted = Set.copyOf(granted);
    }

    /** A key that was named but may not act (its refusal is being recorded): it is granted nothing. */
    public static CallContext ofKey(String keyId, String applicationId, String jti, String clientIp, String userAgent,
                                    String requestId) {
        return new CallContext(keyId, applicationId, jti, Set.of(), clientIp, userAgent, requestId);
    }
}
