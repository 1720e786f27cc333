package io.sesame.api.security;

import jakarta.enterprise.context.RequestScoped;
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
}
