package io.sesame.api.security;

import io.sesame.api.problem.RequestIds;
import io.sesame.mail.control.CallContext;
import io.sesame.policy.control.Permission;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the key behind the bearer token, and from where. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServletRequest request;

    public String keyId() {
        Object clientId = jwt == null ? null : jwt.getClaim("client_id");
        return clientId == null ? null : clientId.toString();
    }

    /** The acting principal written to the audit trail. */
    public String actor() {
        String keyId = keyId();
        return keyId == null ? "anonymous" : "key:" + keyId;
    }

    public String ip() {
        return request.getRemoteAddr();
    }

    /** The call's identity for the gateway and its audit. */
    public CallContext context() {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        if (jwt.getGroups() != null) {
            jwt.getGroups().forEach(g -> Permission.byAction(g).ifPresent(granted::add));
        }
        return new CallContext(keyId(), jwt.getSubject(), jwt.getTokenID(), granted, ip(),
                request.getHeader("User-Agent"), RequestIds.of(request));
    }
}
