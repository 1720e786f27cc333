package io.sesame.it.mpjwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The MP-JWT probe war's JAX-RS application: stock MicroProfile JWT, nothing of Sesame's. A CDI bean, because
 * Payara's MP-JWT extension finds {@code @LoginConfig} only on beans (otherwise WELD-001408 on JsonWebToken).
 * Deployed beside the EAR by {@code SesameIT}; never part of it.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("ses:SendEmail")
public class ProbeApplication extends Application {
}
