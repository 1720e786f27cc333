package io.sesame.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JAX-RS application: everything under {@code /api/v1}. Bearer tokens (MicroProfile JWT access tokens) are
 * verified by {@link io.sesame.api.security.AuthorizationFilter} — once per token, not on every request as Payara's
 * MP-JWT mechanism would, see BENCHMARKS.md —; what each endpoint needs is declared with
 * {@link io.sesame.api.security.Requires}.
 */
@ApplicationScoped
@ApplicationPath("v1")
@OpenAPIDefinition(info = @Info(title = "Sesame API", version = "1",
        description = "Scoped, short-lived, revocable tokens for Amazon SES v2",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /api/v1/oauth/token")
public class SesameApi extends Application {

    /**
     * Jersey's bean validation stage runs on every request unless switched off; no resource declares a constraint (bodies
     * are read and checked by Sesame's own readers, with problem+json answers), so it only cost time (issue 18).
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.beanValidation.disable.server", Boolean.TRUE);
    }
}
