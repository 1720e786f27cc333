package io.sesame.api.security;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Takes the API module out of Jakarta Authentication. In the EAR, Jakarta Security (the portal's sign-in) registers its
 * bridge module for every web module, and the container then runs it on every API request — a JNDI lookup of the bean
 * manager and a bean lookup per request, for a mechanism that does nothing ({@link NoContainerAuthentication}): the API
 * authenticates bearer tokens and SigV4 signatures itself and declares no container constraints. Measured in
 * BENCHMARKS.md (issue 18). If the removal fails, the do-nothing mechanism still answers, as before.
 */
@WebListener
public class ContainerAuthenticationOff implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ContainerAuthenticationOff.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            if (factory != null) {
                factory.removeServerAuthModule(event.getServletContext());
                LOG.info("The API module runs without container authentication (bearer tokens and SigV4 are Sesame's own checks)");
            }
        } catch (RuntimeException e) {
            LOG.warning("Jakarta Authentication stays on for the API module (" + e + "); its mechanism does nothing");
        }
    }
}
