package io.sesame.mail.control;

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
}
