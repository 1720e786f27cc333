package io.sesame.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's container-level authentication does nothing: bearer tokens are checked by {@link AuthorizationFilter}.
 * Jakarta Security is active in the EAR (the portal's sign-in) and then looks for a mechanism in every web module.
 * {@link ContainerAuthenticationOff} takes the API module out of it at start; should that fail, this mechanism answers
 * instead (as it did on every API request before), so the API never fails for want of one. Payara Micro's api.war,
 * without the portal, leaves it out.
 */
@ApplicationScoped
public class NoContainerAuthentication implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        return context.doNothing();
    }
}
