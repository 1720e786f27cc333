package io.sesame.api.security;

import io.sesame.platform.boundary.ClientAddresses;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sesame.api.problem.RequestIds;
import io.sesame.audit.control.CallContext;
import io.sesame.policy.control.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling: the key behind the bearer token ({@link AuthorizationFilter} verified it), and from where. Everything
 * is read from the current request (its attributes, through the container's request proxy), so one instance serves all
 * requests: a request-scoped bean cost a bean creation with resource injection on every call (issue 18).
 */
@ApplicationScoped
public class Caller {

    /** Request attribute holding the verified token's claims. */
    static final String CLAIMS = "io.sesame.api.claims";
    /** Request attribute holding the compact token those claims were verified from. */
    static final String RAW_TOKEN = "io.sesame.api.raw-token";

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    HttpServletRequest request;

    private JWTClaimsSet claims() {
        Object claims = request.getAttribute(CLAIMS);
        return claims instanceof JWTClaimsSet c ? c : null;
    }

    public String keyId() {
        JWTClaimsSet claims = claims();
        Object clientId = claims == null ? null : claims.getClaim("client_id");
        return clientId == null ? null : clientId.toString();
    }

    /**
     * The verified token as MicroProfile JWT's {@link org.eclipse.microprofile.jwt.JsonWebToken} (name = key id, groups =
     * granted permissions), or null without one.
     */
    public org.eclipse.microprofile.jwt.JsonWebToken token() {
        JWTClaimsSet claims = claims();
        if (claims == null) {
            return null;
        }
        Object raw = request.getAttribute(RAW_TOKEN); // exactly the string the filter verified
        return new VerifiedJsonWebToken(claims, raw instanceof String r ? r : null);
    }

    /** The caller as the services check it: the key and the permissions its token grants. */
    public io.sesame.access.control.Actor acting() {
        return io.sesame.access.control.Actor.key(keyId(), context().granted());
    }

    public String ip() {
        return clientAddresses.of(request);
    }

    /** The token's permissions (its {@code groups} claim, as MP-JWT defines it). */
    static List<String> groups(JWTClaimsSet claims) {
        try {
            List<String> groups = claims.getStringListClaim("groups");
            return groups == null ? List.of() : groups;
        } catch (ParseException e) {
            return List.of();
        }
    }

    /** The action a refused or malformed call is audited as: the permission the endpoint needs, else the endpoint. */
    public static String action(jakarta.ws.rs.container.ResourceInfo resource) {
        java.lang.reflect.Method method = resource.getResourceMethod();
        if (method == null) {
            return "api:unknown";
        }
        Requires requires = method.getAnnotation(Requires.class);
        if (requires == null) {
            requires = resource.getResourceClass().getAnnotation(Requires.class);
        }
        return requires != null ? requires.value().action() : "api:" + resource.getResourceClass().getSimpleName() + "." + method.getName();
    }

    /** The call's identity for the gateway and its audit. */
    public CallContext context() {
        JWTClaimsSet claims = claims();
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        if (claims != null) {
            groups(claims).forEach(g -> Permission.byAction(g).ifPresent(granted::add));
        }
        return new CallContext(keyId(), claims == null ? null : claims.getSubject(), claims == null ? null : claims.getJWTID(),
                granted, ip(), request.getHeader("User-Agent"), RequestIds.of(request));
    }
}
